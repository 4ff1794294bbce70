// The console's entry point (/static/app.js); the shell lives in js/app.js.
import { start } from './js/app.js';

start().catch((err) => {
  console.error(err);
  const box = document.getElementById('app');
  box.textContent = 'Không mở được bảng điều khiển / The console could not start.';
});
