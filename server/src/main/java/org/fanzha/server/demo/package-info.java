/** The demo: a simulated city streamed into the embedded runner in accelerated real time. */
@NullMarked
package org.fanzha.server.demo;

import org.jspecify.annotations.NullMarked;
