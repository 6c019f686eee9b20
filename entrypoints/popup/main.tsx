import '../../components/pages.css';
import './popup.css';
import { render } from 'preact';
import { applyStoredCalibration } from '../../utils/host-profile';
import { App } from './App';
import { readFirstScreen } from './ExpirySection';

// The popup's links into the console follow the fichier d'étalonnage's paths. Not awaited: the
// storage read ends long before the end dates arrive from the background, and the first render waits for neither.
void applyStoredCalibration();

const root = document.getElementById('app');
// The end dates are asked before the first render: the store opens while Preact draws the page.
if (root) render(<App firstScreen={readFirstScreen()} />, root);
