import { z } from 'zod';

/** An offered plan as the outside sees it (the dialogue's PlanView): amounts in major units. */
export const PlanViewSchema = z.object({
  id: z.string(),
  installments: z.array(z.object({ due: z.string(), amount: z.number() })),
});
