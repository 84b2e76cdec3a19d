#!/usr/bin/env node
// Command-line entry; its commands arrive with the issues that implement them (see README.md).
console.error('not implemented yet: see README.md');
process.exit(2);
