package org.fanzha.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterChain;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fanzha.server.keys.ApiKeyService;
import org.fanzha.server.keys.ApiKeySignIn;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.LoginThrottle;
import org.fanzha.server.system.SecuritySettings;
import org.fanzha.store.ApiKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The direct decision path answers a keyed request itself, checking what the security chain would
 * (the key, the roles), and leaves every other request to the chain.
 */
class DecideFilterTest {

  private static final String GOOD = "fzk_good";
  private static final String BANK_ONLY = "fzk_bank";
  private static final byte[] DECISION = "{\"action\":\"allow\"}".getBytes(StandardCharsets.UTF_8);

  private final ApiKeyService keys = mock(ApiKeyService.class);
  private final DecideService decisions = mock(DecideService.class);
  private final FilterChain chain = mock(FilterChain.class);
  private final SecuritySettings security = mock(SecuritySettings.class);
  private DecideFilter filter;

  @BeforeEach
  void setUp() {
    when(keys.verify(anyString())).thenReturn(Optional.empty());
    when(keys.verify(GOOD)).thenReturn(Optional.of(key("a1", Set.of("INGEST"))));
    when(keys.verify(BANK_ONLY)).thenReturn(Optional.of(key("b1", Set.of("BANK"))));
    when(decisions.answer(any(), any(), any(), any()))
        .thenReturn(DecideAnswer.decided(DECISION, false));
    filter =
        new DecideFilter(new ApiKeySignIn(keys, mock(LoginThrottle.class)), decisions, security);
  }

  private static ApiKey key(String id, Set<String> roles) {
    return new ApiKey(id, "test", "", roles, List.of(), 0, "admin", null, null, null);
  }

  private static MockHttpServletRequest decide(String uri, String authorization) {
    MockHttpServletRequest r = new MockHttpServletRequest("POST", uri);
    r.addHeader("Authorization", authorization);
    r.setContentType("application/json");
    r.setContent("{}".getBytes(StandardCharsets.UTF_8));
    return r;
  }

  private MockHttpServletResponse run(MockHttpServletRequest request) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, chain);
    return response;
  }

  @Test
  void aKeyThatMayDecide_isAnsweredHere_withoutTheChain() throws Exception {
    MockHttpServletResponse r = run(decide("/api/v1/decide", "Bearer " + GOOD));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContentAsByteArray()).isEqualTo(DECISION);
    assertThat(r.getHeader(DecideAnswer.DUPLICATE_HEADER)).isEqualTo("false");
    assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    verify(chain, never()).doFilter(any(), any());
    verify(decisions).answer(any(), any(), any(Caller.class), any());
  }

  @Test
  void aKeyWithoutADecidingRole_isForbidden_andNothingIsDecided() throws Exception {
    MockHttpServletResponse r = run(decide("/api/v1/decide", "Bearer " + BANK_ONLY));
    assertThat(r.getStatus()).isEqualTo(403);
    verify(decisions, never()).answer(any(), any(), any(), any());
    verify(chain, never()).doFilter(any(), any());
  }

  @Test
  void withIntakeLeftOpen_anyWorkingKeyMayDecide() throws Exception {
    when(security.openIngest()).thenReturn(true);
    filter =
        new DecideFilter(new ApiKeySignIn(keys, mock(LoginThrottle.class)), decisions, security);
    assertThat(run(decide("/api/v1/decide", "Bearer " + BANK_ONLY)).getStatus()).isEqualTo(200);
  }

  @Test
  void aWrongKey_is401_neverPassedOnAsAnonymous() throws Exception {
    MockHttpServletResponse r = run(decide("/api/v1/decide", "Bearer fzk_wrong"));
    assertThat(r.getStatus()).isEqualTo(401);
    assertThat(r.getHeader("WWW-Authenticate")).contains("invalid_token");
    verify(chain, never()).doFilter(any(), any());
    verify(decisions, never()).answer(any(), any(), any(), any());
  }

  @Test
  void aBodyPastOneEvent_is413() throws Exception {
    MockHttpServletRequest big = decide("/api/v1/decide", "Bearer " + GOOD);
    big.setContent(new byte[(int) DecideFilter.MAX_BODY + 1]);
    MockHttpServletResponse r = run(big);
    assertThat(r.getStatus()).isEqualTo(413);
    assertThat(r.getContentAsString()).contains("urn:fanzha:problem:body-too-large");
    verify(decisions, never()).answer(any(), any(), any(), any());
  }

  @Test
  void passwordsSessionsOtherSpellingsAndMethods_goDownTheWholeChain() throws Exception {
    List<MockHttpServletRequest> others =
        List.of(
            decide("/api/v1/decide", "Basic YWRtaW46cHc="),
            decide("/api/v1/decide;jsessionid=1", "Bearer " + GOOD),
            decide("/api/v1/./decide", "Bearer " + GOOD),
            decide("/api/v1/decide/", "Bearer " + GOOD),
            new MockHttpServletRequest("POST", "/api/v1/decide"),
            new MockHttpServletRequest("GET", "/api/v1/decide"));
    for (MockHttpServletRequest request : others) {
      MockHttpServletResponse r = run(request);
      assertThat(r.getContentLength()).as(request.getRequestURI()).isZero();
    }
    verify(chain, org.mockito.Mockito.times(others.size())).doFilter(any(), any());
    verify(decisions, never()).answer(any(), any(), any(), any());
  }
}
