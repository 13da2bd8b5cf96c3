// An LCEL chain with structured output: a prompt piped into the model, which answers with
// an object matching a zod schema. Run: `node src/chain.ts "your trip notes"`.
import { ChatAPIFree } from '@apifree/langchain';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { z } from 'zod';
import { connectModelService } from './connect.ts';

const TripPlan = z.object({
  destination: z.string().describe('The city to visit'),
  days: z.number().int().describe('Length of the trip in days'),
  budgetEUR: z.number().describe('Total budget in euros'),
  highlights: z.array(z.string()).describe('Three things to do there'),
});

const notes =
  process.argv.slice(2).join(' ') ||
  'A 4 day trip to Lisbon in May with a budget of 900 euros; I love food and old trams.';

const service = await connectModelService();
console.log(`${service.description}\n`);

const prompt = ChatPromptTemplate.fromMessages([
  ['system', 'You turn trip notes into a plan. Fill every field.'],
  ['human', '{notes}'],
]);
const model = new ChatAPIFree({
  model: process.env.APIFREE_MODEL ?? 'gpt-4.1-mini',
  apiKey: service.apiKey,
  baseURL: service.baseURL,
});
const chain = prompt.pipe(model.withStructuredOutput(TripPlan, { name: 'trip_plan' }));

try {
  // `plan` is typed from the schema: z.infer<typeof TripPlan>.
  const plan = await chain.invoke({ notes });
  console.log(`Notes: ${notes}\n`);
  console.log(JSON.stringify(plan, null, 2));
  console.log(`\n${plan.days} days in ${plan.destination} for €${plan.budgetEUR}.`);
} catch (error) {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await service.close();
}
