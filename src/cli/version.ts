export { harnessVersion } from '../util/version.js';
