export { initSolver, solverForward, solverLoss, type SolverConfig, type SolverParams, type SolverInputs } from './solver.js';
