// The embed view's entry (embed.html): its modules do nothing when
// imported; this starts the view.

import { start } from './embed.js';

void start();
