import { setCustomElementsManifest } from '@storybook/web-components';
import type { Preview } from '@storybook/web-components-vite';
import manifest from '../packages/elements/custom-elements.json';
import '../packages/elements/src/define.ts';

// Docs pages list each element's attributes, events, slots, parts and CSS properties from the manifest.
setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
  },
};

export default preview;
