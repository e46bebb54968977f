/**
 * Prompt text: templates with slots, per capability area. Ordinary users get many templates and free
 * phrasing; campaigns use a few templates of their own with slots, as extraction pipelines do.
 */
import type { Rng } from './random.js';

const SLOTS: Record<string, readonly string[]> = {
  lang: ['Python', 'TypeScript', 'Rust', 'Go', 'Java', 'C++', 'Kotlin', 'SQL', 'Bash', 'C#', 'Ruby', 'Swift'],
  task: ['parses a CSV file and returns the rows as dicts', 'debounces a callback', 'merges overlapping intervals',
    'implements an LRU cache', 'retries an HTTP request with exponential backoff', 'validates an email address',
    'computes the median of a stream', 'flattens a nested list', 'finds cycles in a directed graph',
    'serialises a tree to JSON', 'rate-limits calls per user', 'reads a large file line by line',
    'diffs two JSON documents', 'schedules jobs with a priority queue', 'tokenises an arithmetic expression',
    'implements a trie with prefix search', 'paginates results from a REST API', 'hashes passwords with a salt'],
  bug: ['an off-by-one error', 'a race condition', 'a memory leak', 'a null pointer exception', 'a deadlock',
    'an infinite loop', 'wrong timezone handling', 'a failing unit test', 'a slow database query', 'a type error'],
  tool: ['search_web', 'run_python', 'read_file', 'write_file', 'query_database', 'send_email', 'get_weather',
    'list_directory', 'http_get', 'create_ticket', 'git_diff', 'run_tests', 'calendar_lookup', 'shell_exec'],
  goal: ['book the cheapest flight to Lisbon next Friday', 'find and fix the failing test in the repo',
    'summarise the open support tickets by priority', 'migrate the users table to the new schema',
    'compare three vendors and draft a recommendation', 'reconcile last month\'s invoices with payments',
    'set up a nightly backup job', 'triage the latest crash reports', 'refactor the payment module for testability',
    'collect the quarterly revenue figures and chart them', 'upgrade the project to the latest framework version'],
  subject: ['photosynthesis', 'the French Revolution', 'supply and demand', 'recursion', 'the Krebs cycle',
    'Bayes\' theorem', 'plate tectonics', 'the Cold War', 'neural networks', 'compound interest', 'entropy',
    'the Treaty of Westphalia', 'CRISPR', 'inflation', 'quantum tunnelling', 'the water cycle'],
  audience: ['a ten-year-old', 'a first-year student', 'my manager', 'a non-technical client', 'an expert', 'my team'],
  doc: ['a cover letter', 'a product description', 'a blog post', 'a wedding toast', 'a short story', 'a press release',
    'an apology email', 'a LinkedIn post', 'a project proposal', 'meeting notes', 'a poem', 'a README'],
  theme: ['remote work', 'our new app release', 'a rainy afternoon', 'climate change', 'a job promotion',
    'customer onboarding', 'a lost dog', 'the quarterly results', 'a startup failure', 'friendship'],
  n: ['3', '5', '7', '10', '12', '20', '25', '50', '100', '250'],
  math: ['the integral of x^2 e^x', 'the eigenvalues of [[2,1],[1,2]]', 'the probability of two sixes in four rolls',
    'the limit of (1+1/n)^n', 'the number of subsets of a 10-element set', 'the derivative of ln(sin x)',
    'the sum of the first 100 primes', 'the expected value of a geometric distribution', 'gcd(1071, 462)',
    'the roots of x^3 - 6x^2 + 11x - 6', 'the area under y = 1/x from 1 to e'],
  lang2: ['French', 'Spanish', 'German', 'Japanese', 'Chinese', 'Korean', 'Portuguese', 'Italian', 'Arabic', 'Hindi'],
  product: ['my order', 'the subscription', 'my invoice', 'the mobile app', 'my password', 'the delivery', 'a refund'],
  issue: ['has not arrived', 'was charged twice', 'keeps crashing', 'does not work', 'is missing an item', 'expired'],
  field: ['name', 'email', 'address', 'age', 'company', 'job title', 'purchase history', 'rating', 'review text'],
  rubric: ['correctness', 'completeness', 'clarity', 'faithfulness to the source', 'helpfulness', 'harmlessness',
    'reasoning quality', 'code style', 'factual accuracy', 'conciseness'],
  score: ['1-5', '1-10', '0-100', 'pass/fail', 'A-F'],
  week: ['1', '2', '3', '4', '5', '6', '7', '8'],
  repo: ['api-gateway', 'billing-service', 'web-frontend', 'data-pipeline', 'auth', 'mobile-app', 'infra', 'search'],
  file: ['src/handlers/orders.ts', 'lib/cache.py', 'pkg/queue/worker.go', 'app/models/user.rb', 'src/main.rs',
    'services/payments/charge.ts', 'core/scheduler.py', 'internal/http/server.go'],
};

type Part = string | readonly string[];

/** A template compiled to literal parts and slot lists, filled without regexes per row. */
export class Template {
  private readonly parts: Part[] = [];
  /** Filled texts by slot combination: rows share one string object per distinct prompt, so later
   * lookups by text (hashing, escaping) hit V8's cached string hash instead of rescanning new strings. */
  private readonly filled = new Map<number, string>();

  constructor(readonly text: string) {
    const re = /\{(\w+)\}/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m.index > last) this.parts.push(text.slice(last, m.index));
      const values = SLOTS[m[1]];
      if (!values) throw new Error(`unknown slot ${m[1]}`);
      this.parts.push(values);
      last = m.index + m[0].length;
    }
    if (last < text.length) this.parts.push(text.slice(last));
  }

  fill(rng: Rng): string {
    let key = 0;
    const picks: number[] = [];
    for (const p of this.parts) {
      if (typeof p === 'string') continue;
      const i = Math.floor(rng.next() * p.length);
      picks.push(i);
      key = key * p.length + i;
    }
    let s = this.filled.get(key);
    if (s === undefined) {
      s = '';
      let k = 0;
      for (const p of this.parts) s += typeof p === 'string' ? p : p[picks[k++]];
      if (this.filled.size >= 100_000) this.filled.clear(); // bounded memory
      this.filled.set(key, s);
    }
    return s;
  }
}

const t = (xs: string[]): Template[] => xs.map((x) => new Template(x));

/** Everyday prompts by capability area; ordinary users and look-alikes draw from these. */
export const TOPIC_TEMPLATES: Record<string, Template[]> = {
  coding: t(['Write a {lang} function that {task}.', 'Why does my {lang} code have {bug}? It happens when the input is large.',
    'Can you review this {lang} snippet that {task} and suggest improvements?', 'How do I fix {bug} in {file}?',
    'Convert this {lang} code that {task} to {lang}.', 'Explain what this {lang} code does, it {task}.',
    'write unit tests in {lang} for a function that {task}', 'Best way in {lang} to do something that {task}?']),
  agentic: t(['Use {tool} and {tool} to {goal}.', 'Plan the steps to {goal}; you may call {tool}.',
    'I need an agent that can {goal}. Which tools besides {tool} should it have?']),
  math: t(['What is {math}?', 'Solve {math} and explain.', 'Can you check my answer for {math}? I got 12.',
    'Help me understand how to compute {math}.']),
  writing: t(['Write {doc} about {theme}.', 'Make {doc} about {theme} shorter and friendlier.',
    'Draft {doc} for {audience} about {theme}.', 'Proofread {doc} I wrote about {theme}.']),
  education: t(['Explain {subject} to {audience}.', 'Give me {n} quiz questions about {subject}.',
    'Summarise {subject} in {n} bullet points.', 'What are common misconceptions about {subject}?']),
  translation: t(['Translate this paragraph about {theme} into {lang2}.', 'How do you say "{theme}" in {lang2}?']),
  analysis: t(['Summarise the attached report on {theme} in {n} bullet points.', 'What are the risks of {theme}? List {n}.',
    'Compare {subject} and {subject} for {audience}.']),
  support: t(['Hi, {product} {issue}. What can I do?', '{product} {issue}, please help', 'Why {product} {issue}?']),
  data: t(['Generate {n} realistic customer records with fields {field}, {field} and {field} as JSON.',
    'Create {n} diverse product reviews about {theme} with a {score} rating.',
    'Produce {n} question-answer pairs about {subject} for a training set.']),
};

export const TOPICS = Object.keys(TOPIC_TEMPLATES);
/** How often ordinary users ask about each area (same order as TOPICS). */
export const TOPIC_WEIGHTS = [34, 8, 10, 20, 12, 5, 8, 1, 2];

/** Campaign templates: slot-filled, eliciting full reasoning, narrow capability focus. */
export const CAMPAIGN_TEMPLATES: Record<string, Template[]> = {
  coding: t([
    'Task: write a {lang} function that {task}. Think step by step, explain your reasoning in detail, then give the final code.',
    'You are an expert {lang} engineer. Fix {bug} in {file}. Show your complete chain of thought before the patch.',
    'Solve the following programming problem in {lang}: a function that {task}. Reason through edge cases step by step first.',
    'Refactor {file} in repo {repo} so that it {task}. Walk through every step of your reasoning.',
  ]),
  agentic: t([
    'You can call {tool}, {tool} and {tool}. Goal: {goal}. Think step by step and output every tool call with your reasoning.',
    'Act as an autonomous agent. Objective: {goal}. Available tools: {tool}, {tool}. Explain each decision before acting.',
    'Given tools {tool} and {tool}, produce a full trajectory to {goal}, including intermediate observations and reasoning.',
  ]),
  reasoning: t([
    'Solve: {math}. Show your full chain of thought, step by step, before the final answer.',
    'Question about {subject}. Think out loud step by step and justify each inference, then answer.',
    'Explain {subject} to {audience}. First write your detailed reasoning process, then the explanation.',
  ]),
  grading: t([
    'Grade the following answer about {subject} on {rubric} using a {score} scale. Explain your reasoning step by step, then give the score.',
    'You are a strict grader. Rubric: {rubric}, {rubric}. Score this solution to {math} ({score}) with a detailed justification.',
    'Compare two responses about {subject} on {rubric}. Think step by step and say which is better and why.',
  ]),
};

export type Operation = 'hydra' | 'lockstep' | 'pathways' | 'pivot' | 'swarm';

/**
 * The opening and closing each campaign operation wraps around the task templates. Separate operations run
 * pipelines of their own, so their fixed wording differs even where their tasks are alike; one operation's
 * accounts all send the same.
 */
const OPERATION_WORDING: Record<Operation, [string, string]> = {
  hydra: ['Task:', 'Answer in full.'],
  lockstep: ['Instruction:', 'Respond in English only.'],
  pathways: ['### Query', 'Do not skip any step.'],
  pivot: ['Request:', 'Be thorough and complete.'],
  swarm: ['Please help with this one.', 'Give the complete output.'],
};

const operationTemplates = new Map<Operation, Record<string, Template[]>>();

/** CAMPAIGN_TEMPLATES in one operation's own wording. */
export function campaignTemplates(operation: Operation): Record<string, Template[]> {
  let templates = operationTemplates.get(operation);
  if (!templates) {
    const [open, close] = OPERATION_WORDING[operation];
    const reworded = (list: Template[]): Template[] => list.map((t) => new Template(`${open} ${t.text} ${close}`));
    templates = Object.fromEntries(Object.entries(CAMPAIGN_TEMPLATES).map(([topic, list]) => [topic, reworded(list)]));
    operationTemplates.set(operation, templates);
  }
  return templates;
}

/** System prompts. Ordinary apps have their own; campaigns reuse a few across all their accounts. */
export const SYSTEM_PROMPTS = [
  'You are a helpful assistant.',
  'You are a senior software engineer. Answer with working code.',
  'You are an expert reasoner. Always think step by step and show all intermediate work.',
  'You are a helpful, harmless and honest assistant. Be concise.',
  'You are a world-class tutor.',
  'You are an autonomous agent with access to tools. Think before each action.',
  'You are a careful grader. Apply the rubric strictly and justify every point.',
];
