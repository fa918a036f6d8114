// Envelope's renderer: Vue 3 + Pinia. It reaches its node only over HTTP + SSE (shared/api).
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import './styles/main.css'

createApp(App).use(createPinia()).mount('#app')
