import { ApiError } from '../../core/api/client.ts';
import type { StepName } from '../../core/context/types.ts';
import { loadErrorTable } from '../../core/i18n/errors.ts';
import type { Lang } from '../../core/i18n/catalogs.ts';

/** Later steps are separate chunks, loaded when reached (or when the button leading there is hovered). */
const STEP_LOADERS: Record<Exclude<StepName, 'program'>, () => Promise<unknown>> = {
  time: () => import('./steps/time/time-step.ts'),
  intake: () => import('./steps/intake/intake-step.ts'),
  checkout: () => import('./steps/checkout/checkout-step.ts'),
  confirmation: () => import('./steps/confirmation/confirmation-step.ts'),
};
const loadedSteps = new Set<StepName>(['program']);
const loadingSteps = new Map<StepName, Promise<unknown>>();

export function isStepLoaded(step: StepName): boolean {
  return loadedSteps.has(step);
}

/**
 * Loads a step's code once, together with the later steps' sentences in `lang` (they are not in the
 * first screen's catalog): a step is shown only once its words are there, never in English first.
 * A failure of the code (`load_failed`) may be retried; sentences that cannot be fetched fall back to English.
 */
export function loadStep(step: StepName, lang: Lang): Promise<unknown> {
  if (step === 'program') return Promise.resolve();
  const words = loadErrorTable(lang);
  if (loadedSteps.has(step)) return words;
  let p = loadingSteps.get(step);
  if (!p) {
    p = Promise.all([STEP_LOADERS[step](), words]).then(
      (m) => {
        loadedSteps.add(step);
        return m;
      },
      (err: unknown) => {
        loadingSteps.delete(step);
        throw new ApiError(0, 'load_failed', err instanceof Error ? err.message : String(err));
      },
    );
    loadingSteps.set(step, p);
  }
  return p;
}
