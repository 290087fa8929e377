import { setCustomElementsManifest } from '@storybook/web-components';
import type { Preview } from '@storybook/web-components-vite';
import manifest from '../packages/elements/custom-elements.json';
import '../packages/elements/src/define.ts';
import { STORY_CONTROLS } from '../packages/elements/test/scenarios/storybook.ts';

// Docs pages list each element's attributes, events, slots, parts and CSS properties from the manifest.
setCustomElementsManifest(manifest);

const preview: Preview = {
  // Every element gets a docs page (autodocs). Project-wide, because Storybook reads tags from the
  // source text, where the stories' shared meta (widgetMeta) cannot set them.
  tags: ['autodocs'],
  // Rows from the manifest stay in the docs tables; only the story's own args get a control.
  argTypesEnhancers: [
    ({ argTypes }) =>
      Object.fromEntries(
        Object.entries(argTypes).map(([name, argType]) => [
          name,
          STORY_CONTROLS.has(name) ? argType : { ...argType, control: false },
        ]),
      ),
  ],
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
  },
};

export default preview;
