package dev.realtime.socketio.benchmarks.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessStatsTests {

	@Test
	void readsTheG1Heap() {
		String info = """
				 garbage-first heap   total 397312K, used 5003K [0x0000000687400000, 0x0000000800000000)
				  region size 4096K, 1 young (4096K), 0 survivors (0K)
				 Metaspace       used 52K, committed 128K, reserved 1114112K
				  class space    used 1K, committed 64K, reserved 1048576K
				""";
		assertThat(ProcessStats.usedHeapBytes(info)).isEqualTo(5003L * 1024);
	}

	@Test
	void addsTheGenerationsOfTheSerialCollectorThatASingleProcessorGets() {
		String info = """
				 def new generation   total 116160K, used 8264K [0x0000000687400000, 0x000000068f200000)
				  eden space 103296K,   8% used [0x0000000687400000, 0x0000000687c12110, 0x000000068d8e0000)
				  from space 12864K,   0% used [0x000000068d8e0000, 0x000000068d8e0000, 0x000000068e570000)
				 tenured generation   total 258048K, used 61000K [0x0000000704d50000, 0x0000000714950000)
				   the space 258048K,  23% used [0x0000000704d50000, 0x0000000704d50000, 0x0000000714950000)
				 Metaspace       used 104K, committed 192K, reserved 1114112K
				""";
		assertThat(ProcessStats.usedHeapBytes(info)).isEqualTo((8264L + 61000L) * 1024);
	}

	@Test
	void isUnknownWithoutAHeapLine() {
		assertThat(ProcessStats.usedHeapBytes("Could not attach")).isEqualTo(-1);
	}

}
