package io.flinkupgrade.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListRequestTest {
    @Test
    void noParameters_listEveryApplicationsUpgrades_25AtATime() {
        assertThat(ListRequest.fromQuery(null)).isEqualTo(new ListRequest(Optional.empty(), Optional.empty(), Optional.empty(), 25));
    }

    @Test
    void theFilters_areReadAsGiven_theStatusInAnyCase() {
        ListRequest request = ListRequest.fromQuery(Map.of("application", "orders-enricher", "status", "rolled_back", "limit", "5",
                "nextToken", "abc"));

        assertThat(request).isEqualTo(new ListRequest(Optional.of("orders-enricher"), Optional.of(UpgradeStatus.ROLLED_BACK),
                Optional.of("abc"), 5));
    }

    @Test
    void aParameterOutOfRange_orUnknown_isABadRequestNamingIt() {
        assertThatThrownBy(() -> ListRequest.fromQuery(Map.of("status", "DONE"))).isInstanceOf(ApiException.class)
                .hasMessageStartingWith("status: DONE is none of [RUNNING, UPGRADED, ROLLED_BACK, FAILED, REJECTED]")
                .extracting(e -> ((ApiException) e).statusCode()).isEqualTo(400);
        assertThatThrownBy(() -> ListRequest.fromQuery(Map.of("limit", "101"))).hasMessageStartingWith("limit: 101");
        assertThatThrownBy(() -> ListRequest.fromQuery(Map.of("limit", "ten"))).hasMessageStartingWith("limit: ten");
        assertThatThrownBy(() -> ListRequest.fromQuery(Map.of("application", "orders enricher"))).hasMessageStartingWith("application: ");
        assertThatThrownBy(() -> ListRequest.fromQuery(Map.of("app", "orders-enricher"))).hasMessageStartingWith("app: not a parameter");
    }

    @Test
    void aTokenThisApiDidNotGiveOut_isABadRequest() {
        assertThatThrownBy(() -> PageToken.decode("not base64 at all!")).isInstanceOf(ApiException.class)
                .hasMessage("nextToken: not a token this API gave out");
    }
}
