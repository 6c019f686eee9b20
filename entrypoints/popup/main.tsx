import '../../components/pages.css';
import './popup.css';
import { render } from 'preact';
import { App } from './App';
import { readFirstScreen } from './ExpirySection';

const root = document.getElementById('app');
// The end dates are asked before the first render: the store opens while Preact draws the page.
if (root) render(<App firstScreen={readFirstScreen()} />, root);
