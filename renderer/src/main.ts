// Renderer entry. In Electron the preload has already set window.avatarWatch; in the web
// preview nothing has, so the WebSocket bridge takes its place before anything asks for it.
import { createApp, watch } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createWebBridge, type WebBridge } from './bridge/web-bridge';
import { createAppI18n, loadWords, setLanguage } from './i18n';
import { useSettingsStore } from './stores/settings';
import { useTransportStore } from './stores/transport';
import { useViewStore } from './stores/view';
import { useWatchlistStore } from './stores/watchlist';
import './styles/base.css';

const i18n = createAppI18n();
let webBridge: WebBridge | null = null;
const notificationWords = () => import('./i18n/notification-words');
if ((window as Partial<Window>).avatarWatch === undefined) {
  webBridge = createWebBridge({
    WebSocket: window.WebSocket,
    protocol: window.location.protocol,
    host: window.location.host,
    search: window.location.search,
    Notification: 'Notification' in window ? window.Notification : undefined,
    // The notifications' words are their own chunk: only the preview's page needs them here.
    describeNotification: async (notification) => (await notificationWords()).wordNotification(i18n.global.t, notification),
    describeTestNotification: async () => (await notificationWords()).wordTestNotification(i18n.global.t),
    gestureTarget: window,
    openWindow: (url, target, features) => window.open(url, target, features),
    focusWindow: () => window.focus(),
    hasFocus: () => document.hasFocus(),
    // Loaded with the exporter (already there when an export asks for it).
    download: (fileName, content) => void import('./labels/files').then(({ downloadText }) => downloadText(fileName, content)),
    // results: the page's half of copy and save, loaded on the first press (its own chunk).
    pageImages: async (answer, copy) => {
      const { browserImageParts, createPageImages } = await import('./bridge/page-images');
      return createPageImages(browserImageParts())(answer, copy);
    },
  });
  window.avatarWatch = webBridge;
}

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
// The socket's state is the preview's own business, kept out of the contract.
if (webBridge !== null) useTransportStore(pinia).follow(webBridge);
app.use(i18n);
// The OS's language until Settings says otherwise; mounted once its catalogue is in, so a Chinese
// window never flashes English. A chunk that fails to load leaves the window in English.
void setLanguage('system')
  .catch(() => 'en')
  .finally(() => {
    app.mount('#app');
    // The words no first screen shows (Settings, import reports, undo…) follow the first paint.
    void loadWords('later').catch(() => undefined);
    void useWatchlistStore(pinia).start();
    const settings = useSettingsStore(pinia);
    void settings.start();
    // The Settings page's language choice, once read and whenever it changes.
    watch(
      () => settings.current?.language,
      (language) => {
        if (language) void setLanguage(language).catch(() => undefined);
      },
    );
    useViewStore(pinia).followNotifications(window.avatarWatch);
  });
