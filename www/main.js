// The lab page's entry (index.html): its modules do nothing when imported;
// this starts the page.

import { start } from './app.js';

void start();
