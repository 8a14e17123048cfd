/** The automations module's public face: surfaces and other modules import only from here. */
export * from './domain/index.ts';
export * from './runs.mutations.ts';
export * from './sweep.mutations.ts';
export * from './automations.mutations.ts';
export * from './automations.queries.ts';
export * from './automations.jobs.ts';
export * from './retry.mutations.ts';
export * from './run.queries.ts';
export { automationStepJob, runStep, type StepEnv } from './steps.jobs.ts';
import './subscribers.ts';
