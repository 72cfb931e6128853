import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js'
import type { ChartConfiguration } from 'chart.js'

// Only the parts the report pages draw, registered once: this module is loaded with the report page, never at start.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip)
// Sized by the container; no animation, so a printed or captured page shows the final figures.
Chart.defaults.maintainAspectRatio = false
Chart.defaults.animation = false
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily

export type ChartSpec = ChartConfiguration<'bar'> | ChartConfiguration<'doughnut'>

/** Draws a chart into a canvas; the returned function removes it (the page redraws on every new range). */
export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec): () => void {
  const chart = new Chart(canvas, spec as ChartConfiguration)
  return () => chart.destroy()
}
