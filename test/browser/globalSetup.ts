import { randomUUID } from 'node:crypto';
import type { TestProject } from 'vitest/node';

// One id per `vitest` run, so the browser harness builds the web app once per run however many files need it.
export default function setup(project: TestProject) {
  project.provide('testRunId', randomUUID());
}

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: string;
  }
}
