import { describeMatcherConformance } from './matcher-conformance.ts';
import { createNaiveMatcher } from './naive-matcher.ts';

describeMatcherConformance('naive matcher', (entries) => createNaiveMatcher(entries));
