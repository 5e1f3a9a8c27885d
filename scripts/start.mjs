// `npm start`: builds, then opens the desktop app on Electron (downloading its binary the first
// time); where that cannot be done, says why and starts browser mode. See scripts/launch.mjs.
import { startWorkbench } from './launch.mjs';

process.exit(await startWorkbench({ argv: process.argv.slice(2) }));
