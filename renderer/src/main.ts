// Renderer entry. In Electron the preload has already set window.avatarWatch; in the web
// preview nothing has, so the WebSocket bridge takes its place before anything asks for it.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createWebBridge, type WebBridge } from './bridge/web-bridge';
import { createAppI18n } from './i18n';
import { wordNotification, wordTestNotification } from './i18n/notification-words';
import { useTransportStore } from './stores/transport';
import { useWatchlistStore } from './stores/watchlist';
import './styles/base.css';

const i18n = createAppI18n();
let webBridge: WebBridge | null = null;
if ((window as Partial<Window>).avatarWatch === undefined) {
  webBridge = createWebBridge({
    WebSocket: window.WebSocket,
    protocol: window.location.protocol,
    host: window.location.host,
    search: window.location.search,
    Notification: 'Notification' in window ? window.Notification : undefined,
    describeNotification: (notification) => wordNotification(i18n.global.t, notification),
    describeTestNotification: () => wordTestNotification(i18n.global.t),
    gestureTarget: window,
    openWindow: (url, target, features) => window.open(url, target, features),
    focusWindow: () => window.focus(),
    // Loaded with the exporter (already there when an export asks for it).
    download: (fileName, content) => void import('./labels/files').then(({ downloadText }) => downloadText(fileName, content)),
  });
  window.avatarWatch = webBridge;
}

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
// The socket's state is the preview's own business, kept out of the contract.
if (webBridge !== null) useTransportStore(pinia).follow(webBridge);
app.use(i18n);
app.mount('#app');
void useWatchlistStore(pinia).start();
