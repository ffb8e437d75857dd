import { type Block, type Cell, textCell } from './doc.js';
import { fmtNum, fmtSpread } from './format.js';
import { type Messages } from './i18n/messages.js';
import { type ServiceCsvRow } from './read-results.js';
import { type ScenarioView } from './scenario-view.js';
import { spread } from './stats.js';

/**
 * The request-traffic table of a scenario whose services declare traffic (services.csv): one row
 * per service and engine with the SLA attainment, the median and worst window p99, the time to
 * restore the goal after a load step, what service discovery added, the cost per hour and the
 * over-provisioning, each a mean over the seeds with its range. Empty without traffic.
 */
export function trafficBlocks(view: ScenarioView, m: Messages): Block[] {
  if (view.services.length === 0) return [];
  const rows: Cell[][] = [];
  for (const service of [...new Set(view.services.map((s) => s.service))]) {
    for (const engine of view.engines) {
      const mine = view.services.filter((s) => s.service === service && s.engine === engine && s.sweepValue === (view.sweepValues[0] ?? ''));
      if (mine.length === 0) continue;
      rows.push([textCell(service), textCell(engine), ...figureCells(mine, m)]);
    }
  }
  return [
    { kind: 'heading', level: 3, text: m.trafficHeading },
    { kind: 'paragraph', note: true, inlines: [m.trafficNote] },
    {
      kind: 'table',
      head: [m.colService, m.colEngine, m.colAttainment, m.colP99Median, m.colP99Worst, m.colRestore, m.colDiscovery, m.colCostPerHour, m.colOverprovision],
      rows,
      numeric: [false, false, true, true, true, true, true, true, true],
    },
  ];
}

function figureCells(rows: readonly ServiceCsvRow[], m: Messages): Cell[] {
  const s = (f: (r: ServiceCsvRow) => number) => spread(rows.map(f).filter(Number.isFinite));
  const unbounded = rows.filter((r) => r.p99WorstUnbounded).length;
  const restoreCensored = rows.some((r) => r.restoreCensored > 0);
  const restore = s((r) => r.restoreMax);
  const noSteps = rows.every((r) => !(r.loadSteps > 0));
  return [
    textCell(
      fmtSpread(
        m,
        'percent',
        s((r) => r.attainment),
      ),
    ),
    textCell(
      fmtSpread(
        m,
        'seconds',
        s((r) => r.p99Median),
      ),
    ),
    unbounded > 0
      ? textCell(m.unboundedIn(unbounded, rows.length), 'censored')
      : textCell(
          fmtSpread(
            m,
            'seconds',
            s((r) => r.p99Worst),
          ),
        ),
    noSteps
      ? textCell(m.noData)
      : restoreCensored
        ? textCell(m.atLeast(m.seconds(fmtNum(restore.max))), 'censored')
        : textCell(fmtSpread(m, 'seconds', restore)),
    textCell(
      fmtSpread(
        m,
        'seconds',
        s((r) => r.discoveryP50),
      ),
    ),
    textCell(
      fmtSpread(
        m,
        'count',
        s((r) => r.costPerHourMean),
      ),
    ),
    textCell(
      fmtSpread(
        m,
        'percent',
        s((r) => r.overprovision),
      ),
    ),
  ];
}
