import uPlot from 'uplot';
import { UNKNOWN } from './statistics-words';

/**
 * The statistics' charts as data (what to draw), turned into uPlot options, and saved as a PNG
 * with their title and legend. Two kinds: lines over months, and horizontal bars, one row per
 * resource, so that long titles stay readable.
 */

export interface ChartSeries {
  label: string;
  color: string;
  /** Line width in CSS pixels (lines and reference lines). */
  width?: number;
  dash?: number[];
  /** Drawn as bars (on a bar chart; the other series are reference lines). */
  bar?: boolean;
  /** Side of a grouped bar: before (-1) or after (1) the row's middle. */
  align?: -1 | 1;
}

export interface ChartSpec {
  kind: 'lignes' | 'barres';
  title: string;
  /** What the category axis holds (« Mois », « Ressource »), for the legend's hover line. */
  categoryLabel: string;
  /** One per point along the category axis: months, or resource titles. */
  labels: string[];
  series: ChartSeries[];
  /** One array per series, one value per label; null where nothing is known. */
  values: (number | null)[][];
  /** The value axis' title. */
  valueLabel: string;
  format: (value: number) => string;
}

/** Colours with a contrast of at least 4.5:1 on white; a series never relies on its colour alone. */
export const CHART_COLORS = {
  eleve: '#1f4fbf',
  enseignant: '#a24e00',
  documentaliste: '#17703a',
  autre: '#7a3fa0',
  total: '#1e1e1e',
  precedent: '#5f5f6e',
  seuil: '#b3261e',
} as const;

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const AXIS_STROKE = '#4a4a4a';
const GRID = { stroke: '#e3e3ec', width: 1 };
const TICKS = { stroke: '#c8c8d8', width: 1, size: 4 };
const LINE_HEIGHT = 300;
const BAR_ROW = 19;
const BAR_MARGIN = 72;
/** Resource titles longer than this are shortened on the axis (the table has them whole). */
const TITLE_MAX = 34;

export function chartHeight(spec: ChartSpec): number {
  return spec.kind === 'lignes' ? LINE_HEIGHT : Math.max(spec.labels.length, 3) * BAR_ROW + BAR_MARGIN;
}

/** What forces a new chart rather than new data: the kind and the series drawn. */
export function chartShape(spec: ChartSpec): string {
  const series = spec.series.map(
    (line) => `${line.label}/${line.color}/${line.dash ?? ''}/${line.bar ?? ''}`,
  );
  return [spec.kind, spec.valueLabel, ...series].join('|');
}

export function chartData(spec: ChartSpec): uPlot.AlignedData {
  return [spec.labels.map((_, index) => index), ...spec.values];
}

function shortened(label: string): string {
  return label.length > TITLE_MAX ? `${label.slice(0, TITLE_MAX - 1)}…` : label;
}

/** Wide enough for the longest label, never more than 40 % of the chart. */
function labelAxisSize(plot: uPlot, values: string[] | null, width: number): number {
  plot.ctx.font = FONT;
  const longest = Math.max(0, ...(values ?? []).map((value) => plot.ctx.measureText(value).width));
  return Math.min(Math.ceil(longest + 16), Math.round(width * 0.4));
}

function seriesOptions(line: ChartSeries): uPlot.Series {
  const common = { label: line.label, stroke: line.color, width: line.width ?? 2, dash: line.dash };
  if (!line.bar) return { ...common, points: { show: false }, spanGaps: false };
  return {
    ...common,
    width: 0,
    fill: line.color,
    points: { show: false },
    paths: uPlot.paths.bars?.({ size: [line.align ? 0.42 : 0.7, 28], align: line.align ?? 0 }),
  };
}

/**
 * uPlot options for a chart `width` pixels wide. `current` gives the latest spec: the axes read
 * the labels through it, so new data (same series) only needs `setData`.
 */
export function chartOptions(
  current: () => ChartSpec,
  width: number,
  height = chartHeight(current()),
): uPlot.Options {
  const spec = current();
  const format = (value: number | null): string => (value === null ? UNKNOWN : current().format(value));
  /** Under the pointer only: an empty legend rather than a row of dashes while nothing is hovered. */
  const hovered = (value: number | null): string => (value === null ? '' : current().format(value));
  const labelAt = (index: number | null): string =>
    index !== null && Number.isInteger(index) ? (current().labels[index] ?? '') : '';
  const series: uPlot.Series[] = [
    { label: spec.categoryLabel, value: (_plot, index) => labelAt(index) },
    ...spec.series.map((line) => ({
      ...seriesOptions(line),
      value: (_plot: uPlot, value: number | null) => hovered(value),
    })),
  ];
  const valueAxis: uPlot.Axis = {
    scale: 'y',
    label: spec.valueLabel,
    labelFont: `600 ${FONT}`,
    font: FONT,
    stroke: AXIS_STROKE,
    grid: GRID,
    ticks: TICKS,
    values: (_plot, splits) => splits.map(format),
  };
  const range = (_plot: uPlot, _min: number, max: number): uPlot.Range.MinMax => [
    0,
    max > 0 ? max * 1.08 : 1,
  ];
  // A dashed series gets a dashed mark in the legend (uPlot draws them all solid by default).
  const legend: uPlot.Legend = {
    markers: { dash: (plot, index) => (plot.series[index]?.dash ? 'dashed' : 'solid') },
  };

  if (spec.kind === 'lignes') {
    return {
      width,
      height,
      series,
      legend,
      // Room on the right for the last month's label.
      padding: [12, 40, 0, 4],
      cursor: { points: { size: 7 }, drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: (plot) => [0, Math.max(plot.data[0].length - 1, 1)] },
        y: { range },
      },
      axes: [
        {
          font: FONT,
          stroke: AXIS_STROKE,
          grid: GRID,
          ticks: TICKS,
          space: 76,
          incrs: [1, 2, 3, 4, 6, 12, 24],
          values: (_plot, splits) => splits.map(labelAt),
        },
        { ...valueAxis, size: 64 },
      ],
    };
  }
  return {
    width,
    height,
    series,
    legend,
    padding: [8, 28, 0, 0],
    cursor: { points: { show: false }, drag: { x: false, y: false } },
    scales: {
      // One row per resource, the first at the top.
      x: { time: false, ori: 1, dir: -1, range: (plot) => [-0.5, plot.data[0].length - 0.5] },
      y: { ori: 0, range },
    },
    axes: [
      {
        side: 3,
        font: FONT,
        stroke: AXIS_STROKE,
        grid: { show: false },
        ticks: TICKS,
        gap: 6,
        splits: (plot) => Array.from(plot.data[0], Number),
        values: (_plot, splits) => splits.map((index) => shortened(labelAt(index))),
        size: (plot, values) => labelAxisSize(plot, values, plot.width),
      },
      // Below the bars: just room for the values and the axis title.
      { ...valueAxis, side: 2, size: 30, labelSize: 20 },
    ],
  };
}

const PNG_PADDING = 16;
const PNG_TITLE = 'bold 16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const SWATCH = 26;

/** The legend as the PNG draws it: swatches and labels, wrapped in rows. */
function drawLegend(context: CanvasRenderingContext2D, spec: ChartSpec, top: number, width: number): number {
  context.font = FONT;
  context.textBaseline = 'middle';
  let x = PNG_PADDING;
  let y = top + 10;
  for (const line of spec.series) {
    const itemWidth = SWATCH + 8 + context.measureText(line.label).width + 20;
    if (x + itemWidth > width - PNG_PADDING && x > PNG_PADDING) {
      x = PNG_PADDING;
      y += 22;
    }
    context.save();
    if (line.bar) {
      context.fillStyle = line.color;
      context.fillRect(x, y - 6, SWATCH, 12);
    } else {
      context.strokeStyle = line.color;
      context.lineWidth = line.width ?? 2;
      context.setLineDash(line.dash ?? []);
      context.beginPath();
      context.moveTo(x, y);
      context.lineTo(x + SWATCH, y);
      context.stroke();
    }
    context.restore();
    context.fillStyle = '#1e1e1e';
    context.fillText(line.label, x + SWATCH + 8, y);
    x += itemWidth;
  }
  return y + 14 - top;
}

/** A new canvas: white background, the title, the chart as drawn, its legend. */
export function chartCanvas(plot: uPlot, spec: ChartSpec): HTMLCanvasElement {
  const source = plot.ctx.canvas;
  const ratio = source.width / plot.width;
  const width = plot.width + 2 * PNG_PADDING;
  const measure = document.createElement('canvas').getContext('2d');
  const legendHeight = measure ? drawLegend(measure, spec, 0, width) : 0;
  const titleHeight = 36;
  const height = titleHeight + plot.height + legendHeight + 2 * PNG_PADDING;

  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const context = canvas.getContext('2d');
  if (!context) return canvas;
  context.scale(ratio, ratio);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#1e1e1e';
  context.font = PNG_TITLE;
  context.textBaseline = 'top';
  context.fillText(spec.title, PNG_PADDING, PNG_PADDING);
  context.drawImage(source, PNG_PADDING, PNG_PADDING + titleHeight, plot.width, plot.height);
  drawLegend(context, spec, PNG_PADDING + titleHeight + plot.height + 8, width);
  return canvas;
}

export function chartPng(plot: uPlot, spec: ChartSpec): Promise<Blob> {
  return new Promise((resolve, reject) => {
    chartCanvas(plot, spec).toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('PNG non produit'))),
      'image/png',
    );
  });
}

/** The chart drawn off screen, as a PNG data URL: the printed report's image. */
export function chartImage(spec: ChartSpec, width: number, height: number): Promise<string> {
  return new Promise((resolve) => {
    const options: uPlot.Options = {
      ...chartOptions(() => spec, width, height),
      legend: { show: false },
      hooks: {
        ready: [
          (plot) => {
            resolve(chartCanvas(plot, spec).toDataURL('image/png'));
            queueMicrotask(() => plot.destroy());
          },
        ],
      },
    };
    new uPlot(options, chartData(spec), document.createElement('div'));
  });
}
