// `npm run build` ends with this: the dashboard bundled into dist/dashboard/, where the service reads it.
import { DASHBOARD_BUILD_DIR } from '../plugins/dashboard.js';
import { buildDashboard } from './dashboard-bundle.js';

await buildDashboard(DASHBOARD_BUILD_DIR);
