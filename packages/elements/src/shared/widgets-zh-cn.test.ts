import { widgetSuite } from '../../test/suites/widget.suite.js';
import '../define.js';
import { flockWidgets } from '../registry.js';

// The shared suite of every widget in Simplified Chinese (English: widgets.test.ts).
for (const entry of flockWidgets) widgetSuite(entry, 'zh-CN');
