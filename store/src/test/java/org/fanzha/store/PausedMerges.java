package org.fanzha.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A data source whose connections stop a merge of the per-entity index at its first read of the
 * runs it merges, until released: to show what goes on while a merge runs.
 */
final class PausedMerges {
  private PausedMerges() {}

  static DataSource pausing(DataSource ds, CountDownLatch reading, CountDownLatch release) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object out = invoke(ds, method, args);
              return out instanceof Connection c ? pausing(c, reading, release) : out;
            });
  }

  private static Connection pausing(Connection c, CountDownLatch reading, CountDownLatch release) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("prepareStatement")
                  && String.valueOf(args[0]).contains("party_hash BETWEEN")
                  && String.valueOf(args[0]).startsWith("SELECT")) {
                reading.countDown();
                if (!release.await(30, TimeUnit.SECONDS)) {
                  throw new IllegalStateException("the paused merge was never released");
                }
              }
              return invoke(c, method, args);
            });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
