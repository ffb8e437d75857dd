import { Command, CommanderError } from 'commander';
import { EXIT, InputError } from './exit-codes.js';
import { listCommand } from './list-command.js';
import { mergeCommand } from './merge-command.js';
import { reportCommand } from './report-command.js';
import { runCommand, type RunOptions } from './run-command.js';
import { toolVersion } from './run-meta.js';
import { validateCommand } from './validate-command.js';

/**
 * The `schedbench` command: `run | list | validate | merge | report`. Returns the exit code:
 * 0 ok, 1 a trial failed, 2 bad input, 130 interrupted.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
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
    .option('-o, --out <dir>', 'results folder (default: results/<run-id>)')
    .option('--suite <name>', 'run a suite from scenarios/suites.yaml (default when no scenario is named)')
    .option('--full', 'the full suite: adds the Alibaba trace’s hour slice, and seeds 1–5')
    .option('--detail', 'also write tasks.csv: one row per task instance')
    .option('--explain', "also write explain.jsonl: the engines' decisions")
    .option('--shard <i/n>', 'run the deterministic slice i of n of the plan (job/n: i from JOB_COMPLETION_INDEX)')
    .option('--resume <dir>', 'continue an interrupted run in DIR: run only the trials it lacks')
    .option('--timeout <seconds>', "hard wall-clock limit per trial (default: the scenario's limits.wallClock + 60 s)")
    .option('--no-report', 'do not build the report at the end')
    .option('-q, --quiet', 'no progress output')
    .action(async (scenarios: string[], opts: RunOptions) => {
      code = await runCommand(scenarios, opts, argv);
    });

  program
    .command('list')
    .description('list bundled scenarios, suites and engines')
    .action(() => {
      code = listCommand();
    });

  program
    .command('validate')
    .description('check scenario files; print every error with file, line, field path and a suggestion')
    .argument('<files...>', 'scenario files or bundled names')
    .action((files: string[]) => {
      code = validateCommand(files);
    });

  program
    .command('merge')
    .description('combine the folders of a sharded run into one results folder')
    .argument('<dirs...>', 'shard results folders')
    .requiredOption('-o, --out <dir>', 'merged results folder')
    .option('--no-report', 'do not build the report')
    .action(async (dirs: string[], opts: { out: string; report?: boolean }) => {
      code = await mergeCommand(dirs, opts);
    });

  program
    .command('report')
    .description('build report.md/report.html and charts from a results folder (or compare two)')
    .argument('[dirs...]', 'results folder(s) (default: the newest under results/)')
    .option('--lang <lang>', 'en (default) or zh-CN')
    .option('--compare', 'compare two results folders side by side')
    .option('-o, --out <dir>', 'where the comparison goes')
    .action(async (dirs: string[], opts: { lang?: string; compare?: boolean; out?: string }) => {
      code = await reportCommand(dirs, opts);
    });

  try {
    await program.parseAsync(argv as string[]);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (err instanceof InputError) {
      for (const line of err.lines) process.stderr.write(`error: ${line}\n`);
      return EXIT.badInput;
    }
    throw err;
  }
}
