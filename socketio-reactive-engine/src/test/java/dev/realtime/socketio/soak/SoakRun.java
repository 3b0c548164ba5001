package dev.realtime.socketio.soak;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a series of cycles.
 *
 * @param cycles the cycles run
 * @param pollingCycles the cycles over HTTP long-polling
 * @param webSocketCycles the cycles over WebSocket
 * @param failures the cycles that failed or timed out
 * @param failureSamples the first failures, with their cycle and cause
 * @param duration how long the series took
 * @param peakSessions the most Engine.IO sessions seen open at once
 * @param pollingCycleTime the mean time of a polling cycle
 * @param webSocketCycleTime the mean time of a WebSocket cycle
 */
record SoakRun(int cycles, int pollingCycles, int webSocketCycles, int failures, List<String> failureSamples,
		Duration duration, int peakSessions, Duration pollingCycleTime, Duration webSocketCycleTime) {

}
