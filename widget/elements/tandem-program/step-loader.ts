import { ApiError } from '../../core/api/client.ts';
import type { StepName } from '../../core/context/types.ts';

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

/** Loads a step's code once; a failure (`load_failed`) may be retried. */
export function loadStep(step: StepName): Promise<unknown> {
  if (step === 'program' || loadedSteps.has(step)) return Promise.resolve();
  let p = loadingSteps.get(step);
  if (!p) {
    p = STEP_LOADERS[step]().then(
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
