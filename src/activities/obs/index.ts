// Stage 8 activities (Observability), called by the OBS child workflow in this order.
export { locateObsPackage, uploadObsPackage } from './upload.js';
export {
  deployObsInstance,
  configureObsNtp,
  connectObsToCluster,
  connectObsSystemService,
  readObsSerial,
} from './instance.js';
