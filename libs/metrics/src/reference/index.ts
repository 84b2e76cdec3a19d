export {
  PAPER_VRMSE,
  PAPER_LEAD_TIME_BINS,
  PAPER_SECONDS_PER_STATE,
  WELL_ONE_STEP_TEST_VRMSE,
  paperDatasetOf,
  type PaperVrmseRow,
  type ReferenceMethod,
} from './paper.js';
