import { Command, CommanderError } from 'commander';
import { ResultsFolderError } from '../report/results-folder.js';
import { EXIT, InputError } from './exit-codes.js';
import { explainCommand, type ExplainOptions } from './explain-command.js';
import { explainLevelsSpelt } from './explain-flag.js';
import { listCommand } from './list-command.js';
import { mergeCommand } from './merge-command.js';
import { reportCommand } from './report-command.js';
import { runCommand, type RunOptions } from './run-command.js';
import { toolVersion } from './run-meta.js';
import { validateCommand } from './validate-command.js';

/**
 * The `schedbench` command: `run | list | validate | merge | report | explain`. Returns the exit code:
 * 0 ok, 1 a trial failed, 2 bad input, 130 interrupted.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = schedbenchProgram(argv, (c) => {
    code = c;
  });
  // Kept after main returns: the error of a write to a closed pipe arrives on a later tick.
  if (!process.stdout.listeners('error').includes(quitOnClosedPipe)) process.stdout.on('error', quitOnClosedPipe);
  try {
    await program.parseAsync(explainLevelsSpelt(argv));
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (err instanceof InputError) {
      for (const line of err.lines) process.stderr.write(`error: ${line}\n`);
      return EXIT.badInput;
    }
    if (err instanceof ResultsFolderError) {
      process.stderr.write(`error: ${err.message}\n`);
      return EXIT.badInput;
    }
    throw err;
  }
}

/** The commands and their options; each command's action reports its exit code to `done`. */
function schedbenchProgram(argv: readonly string[], done: (code: number) => void): Command {
  const program = new Command()
    .name('schedbench')
    .description('Runs cluster schedulers of different architectures on the same deterministic scenarios')
    .version(toolVersion())
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('run')
    .description('run scenarios (files or bundled names) on engines and seeds; write results and the report')
    .argument('[scenarios...]', 'scenario files or bundled names (default: the default suite)')
    .option('-e, --engines <list>', 'comma-separated engines (default: every registered engine)')
    .option('-s, --seeds <list>', "comma-separated seeds (default: each scenario's spec.seeds)")
    .option('-w, --workers <n>', 'worker threads (default: cores; 0 runs in this thread)')
    .option('-o, --out <dir>', 'results folder, new or empty (default: results/<run-id>)')
    .option('--force', 'with --out: replace the results schedbench wrote in a non-empty folder (other files are kept)')
    .option('--suite <name>', 'run a suite from scenarios/suites.yaml (default when no scenario is named)')
    .option('--full', 'the full suite: adds the Alibaba trace’s hour slice, and seeds 1–5')
    .option('--detail', 'also write tasks.csv: one row per task instance')
    .option('--explain [level]', "also write explain.jsonl: the engines' decisions; --explain=full lists every node evaluated, not the best 3")
    .option('--shard <i/n>', 'run the deterministic slice i of n of the plan (job/n: i from JOB_COMPLETION_INDEX)')
    .option('--resume <dir>', 'continue an interrupted run in DIR with the plan recorded in its meta.json: run only the trials it lacks')
    .option('--timeout <seconds>', "hard wall-clock limit per trial (default: the scenario's limits.wallClock + 60 s)")
    .option('--no-report', 'do not build the report at the end')
    .option('-q, --quiet', 'no progress output')
    .action(async (scenarios: string[], opts: RunOptions) => {
      done(await runCommand(scenarios, opts, argv));
    });

  program
    .command('list')
    .description('list bundled scenarios, suites and engines')
    .action(() => {
      done(listCommand());
    });

  program
    .command('validate')
    .description('check scenario files; print every error with file, line, field path and a suggestion')
    .argument('<files...>', 'scenario files or bundled names')
    .action((files: string[]) => {
      done(validateCommand(files));
    });

  program
    .command('merge')
    .description('combine the folders of a sharded run into one results folder')
    .argument('<dirs...>', 'shard results folders')
    .requiredOption('-o, --out <dir>', 'merged results folder (new or empty)')
    .option('--force', 'replace the results schedbench wrote in a non-empty --out folder (other files are kept)')
    .option('--no-report', 'do not build the report')
    .action(async (dirs: string[], opts: { out: string; report?: boolean; force?: boolean }) => {
      done(await mergeCommand(dirs, opts));
    });

  program
    .command('report')
    .description('build report.md/report.html and charts from a results folder (or compare two)')
    .argument('[dirs...]', 'results folder(s) (default: the newest under results/)')
    .option('--lang <lang>', 'en (default) or zh-CN')
    .option('--compare', 'compare two results folders side by side')
    .option('-o, --out <dir>', 'where the comparison goes')
    .option('--allow-different', 'compare runs whose scenarios, seeds or inputs differ (the comparison says so in a warning)')
    .action(async (dirs: string[], opts: { lang?: string; compare?: boolean; out?: string; allowDifferent?: boolean }) => {
      done(await reportCommand(dirs, opts));
    });
  program
    .command('explain')
    .description('print one decision of a results folder’s explain.jsonl as a table: nodes × score plugins, the chosen node, filter rejections')
    .argument('<dir>', 'a results folder written with --explain')
    .option('--pod <name>', 'a Kubernetes pod: its scheduling cycle')
    .option('--task <id>', 'a task instance of any engine: the pod of that name, the oracle placement, or the Mesos offer that launched it')
    .option('--trial <id>', 'the trial (<scenario>/<engine>/seed-<n>; default: the first that has the pod or task)')
    .option('--cycle <n>', 'which of its decisions, 1 = the first (default: the last)')
    .action(async (dir: string, opts: ExplainOptions) => {
      done(await explainCommand(dir, opts));
    });
  return program;
}

/**
 * The reader of stdout went away (`schedbench list | head -1`): nothing more can be shown, and that
 * is no error of the command, so it ends quietly. Any other stream error is rethrown.
 */
function quitOnClosedPipe(err: NodeJS.ErrnoException): void {
  if (err.code === 'EPIPE') process.exit(EXIT.ok);
  throw err;
}
