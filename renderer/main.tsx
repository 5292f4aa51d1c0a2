import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './src/app/App';
import { startDeskStore } from './src/stores/desk-store';
import './src/styles.css';

startDeskStore();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
