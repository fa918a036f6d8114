import { createApp, h } from 'vue'

createApp({ render: () => h('p', 'Envelope') }).mount('#app')
