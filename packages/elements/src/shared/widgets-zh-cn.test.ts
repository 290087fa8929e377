import { GROWTH_KIT, widgetSuite } from '../../test/suites/widget.suite.js';
import '../define.js';
import { flockWidgets } from '../registry.js';

// The shared suite in Simplified Chinese for the growth kit's widgets (see GROWTH_KIT); English, for every widget: widgets.test.ts.
for (const entry of flockWidgets) if (GROWTH_KIT.has(entry.name)) widgetSuite(entry, 'zh-CN');
