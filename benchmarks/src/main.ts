#!/usr/bin/env node
/** `lola-bench` entry point: the commands are registered in ./commands/index.ts (libs/cli runs them). */
import { runMain } from '@lola-ts/cli';
import { program } from './commands/index.js';

void runMain(program);
