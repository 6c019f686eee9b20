import 'uplot/dist/uPlot.min.css';
import type { MutableRef } from 'preact/hooks';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { type ChartSpec, chartData, chartHeight, chartOptions, chartShape } from './statistics-chart';

interface Props {
  spec: ChartSpec;
  /** What the chart shows, in one sentence: the canvas is an image to assistive technologies. */
  description: string;
  /** Where the view finds the drawn chart, to save it as an image. */
  plotRef: MutableRef<uPlot | null>;
}

/**
 * One uPlot chart as wide as its container: created when the series change, given new data or a
 * new size otherwise, destroyed with the component. The numbers are in the table next to it.
 */
export function StatisticsChart({ spec, description, plotRef }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const current = useRef(spec);
  current.current = spec;
  const shape = chartShape(spec);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const plot = new uPlot(
      chartOptions(() => current.current, element.clientWidth),
      chartData(current.current),
      element,
    );
    plotRef.current = plot;
    const observer = new ResizeObserver(() => {
      if (element.clientWidth !== plot.width)
        plot.setSize({ width: element.clientWidth, height: plot.height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
      if (plotRef.current === plot) plotRef.current = null;
    };
  }, [shape]);

  useEffect(() => {
    const plot = plotRef.current;
    if (!plot) return;
    const height = chartHeight(spec);
    if (height !== plot.height) plot.setSize({ width: plot.width, height });
    plot.setData(chartData(spec));
  }, [spec]);

  return (
    <div
      ref={box}
      class={`cg-stats-graphique cg-stats-graphique--${spec.kind}`}
      role="img"
      aria-label={description}
    />
  );
}
