// Renderer entry: global styles, translations (the system language's chunk loaded before the first paint), then the App component.
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { setupI18n } from './lib/i18n';

await setupI18n('system');

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

export default mount(App, { target });
