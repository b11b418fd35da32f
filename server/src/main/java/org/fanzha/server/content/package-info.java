/**
 * Content classification over HTTP ({@code POST /api/v1/classify}) and the shared classifier beans.
 */
@NullMarked
package org.fanzha.server.content;

import org.jspecify.annotations.NullMarked;
