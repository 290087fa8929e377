import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    // The flock-* tags are custom elements, not Vue components: Vue sets their props and listens to their events.
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('flock-') } } }),
  ],
});
