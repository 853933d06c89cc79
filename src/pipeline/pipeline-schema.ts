import * as z from 'zod';
import { STEPS } from '../steps/registry.ts';

/** A pipeline step: `uses:` names a kind from the registry, `with:` is checked by that kind's own schema. */
export const StepSchema = z.discriminatedUnion(
  'uses',
  Object.values(STEPS).map((step) =>
    z.strictObject({
      uses: z.literal(step.kind),
      /** A label for messages and the run report. */
      name: z.string().optional(),
      // prefault, not default: an absent `with:` must still get each option's own defaults.
      with: (step.options as z.ZodType).prefault({}),
    }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

/** A pipeline file: `pipelines/<name>.yaml`. */
export const PipelineSchema = z.strictObject({
  description: z.string().optional(),
  steps: z.array(StepSchema).min(1),
});

export interface PipelineStep {
  uses: keyof typeof STEPS;
  name?: string;
  with: Record<string, unknown>;
}
export interface Pipeline {
  description?: string;
  steps: PipelineStep[];
}
