/**
 * Gangs (全链条打击): an identity graph of holders, phones, accounts, handsets and networks joined by
 * strong links (who opened what, the handset a card calls from, the network an account pays from,
 * money between accounts), and the groups of suspects it ties together, each with its members'
 * roles, its victims and their losses.
 */
@NullMarked
package org.fanzha.graph.gangs;

import org.jspecify.annotations.NullMarked;
