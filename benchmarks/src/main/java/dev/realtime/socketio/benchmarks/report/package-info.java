/**
 * Medians, ranges, ratios against the Node server, the targets of issue 7, and the SVG
 * chart.
 */
@NullMarked
package dev.realtime.socketio.benchmarks.report;

import org.jspecify.annotations.NullMarked;
