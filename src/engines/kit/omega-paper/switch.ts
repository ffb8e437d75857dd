import { type Engine, type EngineContext, type EngineFactory, type OptionsParse } from '../../engine.js';
import { OmegaPaperModel } from './model.js';
import { type EngineModel, MODEL_FIELD, OMEGA_PAPER_FIELD, omegaPaperOptions, type OmegaPaperOptions, type PaperArchitecture } from './options.js';

/** The part of an engine's options that picks the model: `model:` and the paper model's `omegaPaper:` block. */
export interface ModelSwitch {
  readonly model: EngineModel;
  readonly omegaPaper: OmegaPaperOptions;
}

/** The zod fields of {@link ModelSwitch}, to spread into an engine's options schema. */
export const MODEL_SWITCH_FIELDS = { model: MODEL_FIELD.optional(), omegaPaper: OMEGA_PAPER_FIELD.optional() };

/** Defaults of {@link ModelSwitch} from the parsed fields (`model` absent = `faithful`). */
export function modelSwitch(parsed: { readonly model?: EngineModel | undefined; readonly omegaPaper?: Parameters<typeof omegaPaperOptions>[0] }): ModelSwitch {
  return { model: parsed.model ?? 'faithful', omegaPaper: omegaPaperOptions(parsed.omegaPaper) };
}

/**
 * The engine for one trial: the Omega paper's `architecture` model when the options say
 * `model: omega-paper` (it then runs the whole trial), else `faithful()`, the engine's own.
 */
export function createEngineOrPaperModel(ctx: EngineContext, architecture: PaperArchitecture, options: ModelSwitch, faithful: () => Engine): Engine {
  return options.model === 'omega-paper' ? new OmegaPaperModel(ctx, architecture, options.omegaPaper) : faithful();
}

/**
 * Wraps a registered engine's factory so that `spec.engines.<name>.model: omega-paper` runs the Omega
 * paper's `architecture` model instead (borg → `monolithic`, omega → `omega`): `model` and `omegaPaper`
 * are taken out of the options block and validated here (errors keep their field paths), the rest goes
 * to the engine's own parser, and the parsed options are the engine's plus {@link ModelSwitch}.
 */
export function withOmegaPaperModel<O extends object>(factory: EngineFactory<O>, architecture: PaperArchitecture): EngineFactory<O & ModelSwitch> {
  return {
    name: factory.name,
    description: factory.description,
    parseOptions(raw: unknown): OptionsParse<O & ModelSwitch> {
      const block = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
      const { model, omegaPaper, ...rest } = block ?? {};
      const own = factory.parseOptions(block ? rest : raw);
      const mine = MODEL_FIELD.optional().safeParse(model);
      const paper = OMEGA_PAPER_FIELD.optional().safeParse(omegaPaper);
      const issues = [
        ...(own.ok ? [] : own.issues),
        ...(mine.success ? [] : mine.error.issues.map((i) => ({ path: ['model', ...i.path.map(String)], message: i.message }))),
        ...(paper.success ? [] : paper.error.issues.map((i) => ({ path: ['omegaPaper', ...i.path.map(String)], message: i.message }))),
      ];
      if (!own.ok || !mine.success || !paper.success) return { ok: false, issues };
      return { ok: true, options: { ...own.options, ...modelSwitch({ model: mine.data, omegaPaper: paper.data }) } };
    },
    create(ctx: EngineContext, options: O & ModelSwitch): Engine {
      return createEngineOrPaperModel(ctx, architecture, options, () => factory.create(ctx, options));
    },
  };
}

/**
 * A stand-alone factory of one paper model (options: the `omegaPaper:` block alone), for benchmarks
 * and tests that run a model no registered engine delegates to yet.
 */
export function omegaPaperFactory(architecture: PaperArchitecture): EngineFactory<OmegaPaperOptions> {
  return {
    name: `omega-paper-${architecture}`,
    description: `The Omega paper simulator's ${architecture} model (docs/reference/omega-simulator.md §4)`,
    parseOptions(raw: unknown): OptionsParse<OmegaPaperOptions> {
      const r = OMEGA_PAPER_FIELD.optional().safeParse(raw);
      if (!r.success) return { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) };
      return { ok: true, options: omegaPaperOptions(r.data) };
    },
    create: (ctx, options) => new OmegaPaperModel(ctx, architecture, options),
  };
}
