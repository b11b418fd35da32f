package org.fanzha.sim;

import java.util.SplittableRandom;

/**
 * Real GB/T 2260 division codes: the simulated city (平顶山, 4104xx) and the places its residents come
 * from or the gangs operate in.
 */
final class Regions {

  static final String[] CODES = {
    "410402", "410403", "410404", "410411", "410421", "410422", "410423", "410425", "410481",
    "410482", "410400", "410102", "110105", "440305", "310115", "420106", "320106", "330106",
    "510107", "350203", "450103", "530102"
  };

  static final String[] NAMES = {
    "平顶山市新华区", "平顶山市卫东区", "平顶山市石龙区", "平顶山市湛河区", "宝丰县", "叶县", "鲁山县", "郏县", "舞钢市", "汝州市", "平顶山市",
    "郑州市中原区", "北京市朝阳区", "深圳市南山区", "上海市浦东新区", "武汉市武昌区", "南京市鼓楼区", "杭州市西湖区", "成都市武侯区", "厦门市思明区",
    "南宁市青秀区", "昆明市五华区"
  };

  /** Residence weights: most people live in the city's districts. */
  private static final double[] HOME =
      Rand.cumulative(18, 14, 3, 12, 6, 6, 5, 4, 5, 8, 4, 3, 1, 2, 1.5, 1, 1, 1, 1, 1, 0.7, 0.5);

  /** Where gangs register or operate: mostly far from the victims. */
  private static final double[] GANG =
      Rand.cumulative(1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 2, 4, 2, 2, 1, 2, 3, 4, 6, 8);

  private Regions() {}

  /** Returns a home region index for the given hash. */
  static int home(long hash) {
    double x = Rand.unit(hash) * HOME[HOME.length - 1];
    for (int i = 0; i < HOME.length; i++) {
      if (x < HOME[i]) {
        return i;
      }
    }
    return 0;
  }

  static int gang(SplittableRandom r) {
    return Rand.pick(r, GANG);
  }

  /** Returns the region index of the first four digits of the city (for ATMs and shops). */
  static int cityDistrict(SplittableRandom r) {
    return r.nextInt(4) == 0 ? 3 : r.nextInt(2);
  }
}
