// Generated from the API's OpenAPI document by `npm run desk:api-types`: do not edit.

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and readiness together */
        get: operations["HealthController_all"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the store is reachable and Message DB installed */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/stays/{stayId}/check-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a guest in (idempotent: a repeat answers the same stay, as first checked in) */
        post: operations["StaysController_checkIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/stays/{stayId}/charges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Charge the stay (idempotent by chargeId) */
        post: operations["StaysController_charge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/stays/{stayId}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a payment on the stay (idempotent by paymentId) */
        post: operations["StaysController_pay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/stays/{stayId}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund an overpaid stay, at most its credit (idempotent by refundId) */
        post: operations["StaysController_refund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/stays/{stayId}/check-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the stay out individually; its balance must be exactly zero */
        post: operations["StaysController_checkOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/stays/{stayId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a stay, with its folio */
        get: operations["StaysController_read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/group-checkouts/{groupCheckoutId}/stays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Select stays into the group checkout (creates it); the reactor merges them in the background
         * @description Stays already selected into this group are ignored. Follow the merge with GET ?wait= or /events.
         */
        post: operations["GroupCheckoutsController_selectStays"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/group-checkouts/{groupCheckoutId}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a payment towards the group balance (idempotent by paymentId; creates the group) */
        post: operations["GroupCheckoutsController_pay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/group-checkouts/{groupCheckoutId}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund an overpaid group checkout, at most its credit (idempotent by refundId) */
        post: operations["GroupCheckoutsController_refund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/group-checkouts/{groupCheckoutId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm the group checkout: nothing pending and a balance of exactly zero (idempotent) */
        post: operations["GroupCheckoutsController_confirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/group-checkouts/{groupCheckoutId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a group checkout, optionally waiting for its pending stays to be merged
         * @description With ?wait=ms the answer comes as soon as nothing is pending, or as the group stands when the wait runs out.
         */
        get: operations["GroupCheckoutsController_read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/group-checkouts/{groupCheckoutId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow a group checkout as Server-Sent Events until it is confirmed
         * @description Each message is `event: view`, `id: <stream version>`, `data: <GroupCheckoutView JSON>`: the view now, then each time it changes. The stream ends after the view that shows the group confirmed.
         */
        get: operations["GroupCheckoutEventsController_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/stays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List stays, newest check-in first (from the read tables: may lag, see Projection-Position) */
        get: operations["StayListController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/group-checkouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List group checkouts, newest first (from the read tables: may lag, see Projection-Position) */
        get: operations["GroupCheckoutListController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        FieldErrorDocument: {
            /** @example amount */
            field: string;
            /**
             * @example [
             *       "amount must have at most two decimals"
             *     ]
             */
            messages: string[];
        };
        ProblemDocument: {
            /**
             * @description What went wrong: a stable identifier to switch on.
             * @enum {string}
             */
            type: "urn:hotel-checkout:problem:invalid-request" | "urn:hotel-checkout:problem:malformed-json" | "urn:hotel-checkout:problem:unauthorized" | "urn:hotel-checkout:problem:stay-not-found" | "urn:hotel-checkout:problem:group-checkout-not-found" | "urn:hotel-checkout:problem:route-not-found" | "urn:hotel-checkout:problem:payload-too-large" | "urn:hotel-checkout:problem:balance-outstanding" | "urn:hotel-checkout:problem:stay-transferred" | "urn:hotel-checkout:problem:stay-closed" | "urn:hotel-checkout:problem:group-checkout-merging" | "urn:hotel-checkout:problem:group-checkout-confirmed" | "urn:hotel-checkout:problem:refund-exceeds-credit" | "urn:hotel-checkout:problem:stale-version" | "urn:hotel-checkout:problem:concurrent-modification" | "urn:hotel-checkout:problem:store-unavailable" | "urn:hotel-checkout:problem:not-ready" | "urn:hotel-checkout:problem:unreadable-stream" | "urn:hotel-checkout:problem:internal-error" | "about:blank";
            /** @example Balance outstanding */
            title: string;
            /** @example 409 */
            status: number;
            /** @example Stay 3f2504e0-4f89-11d3-9a0c-0305e82c3301 has 42.5 outstanding; settle it before checking out. */
            detail: string;
            /** @example /stays/3f2504e0-4f89-11d3-9a0c-0305e82c3301/check-out */
            instance: string;
            /**
             * @description The outstanding balance (balance-outstanding problems).
             * @example 42.5
             */
            amount?: number;
            /**
             * @description The most a refund can be (refund-exceeds-credit problems).
             * @example 20
             */
            credit?: number;
            /**
             * @description The version If-Match named (stale-version problems).
             * @example 3
             */
            expectedVersion?: number;
            /**
             * @description The version the resource is at (stale-version problems).
             * @example 4
             */
            actualVersion?: number;
            /**
             * Format: uuid
             * @description The group that took the stay over (stay-transferred problems).
             */
            groupCheckoutId?: string;
            /** @description Each invalid field (invalid-request problems). */
            errors?: components["schemas"]["FieldErrorDocument"][];
            /** @description The stream holding the unreadable event (unreadable-stream problems). */
            streamName?: string;
            /** @description The unreadable event's index in its stream (unreadable-stream problems). */
            position?: number;
        };
        HealthCheckDocument: {
            /** @enum {string} */
            status: "up" | "down";
            /**
             * @description Why a check is down.
             * @example connect ECONNREFUSED 127.0.0.1:5432
             */
            message?: string;
            /**
             * @description The process check: seconds since the process started.
             * @example 3600
             */
            uptimeSeconds?: number;
        };
        HealthDocument: {
            /** @enum {string} */
            status: "ok" | "error" | "shutting_down";
            /**
             * @description The checks that are up, by name.
             * @example {
             *       "process": {
             *         "status": "up",
             *         "uptimeSeconds": 3600
             *       },
             *       "store": {
             *         "status": "up"
             *       }
             *     }
             */
            info?: {
                [key: string]: components["schemas"]["HealthCheckDocument"];
            };
            /**
             * @description The checks that are down, by name.
             * @example {
             *       "process": {
             *         "status": "up",
             *         "uptimeSeconds": 3600
             *       },
             *       "store": {
             *         "status": "up"
             *       }
             *     }
             */
            error?: {
                [key: string]: components["schemas"]["HealthCheckDocument"];
            };
            /**
             * @description Every check, by name.
             * @example {
             *       "process": {
             *         "status": "up",
             *         "uptimeSeconds": 3600
             *       },
             *       "store": {
             *         "status": "up"
             *       }
             *     }
             */
            details: {
                [key: string]: components["schemas"]["HealthCheckDocument"];
            };
        };
        CheckInRequest: {
            /**
             * Format: date-time
             * @description When the guest checked in; defaults to now.
             */
            at?: string;
            /**
             * @description The room the guest stays in.
             * @example 12B
             */
            room?: string;
            /** @example Ada Lovelace */
            guestName?: string;
        };
        FolioEntryView: {
            /** @enum {string} */
            kind: "charge" | "payment" | "refund";
            /**
             * Format: uuid
             * @description The chargeId, paymentId or refundId the line was recorded with.
             */
            id: string;
            /** Format: date-time */
            at: string;
            /**
             * @description Positive: a charge and a refund add it to the balance, a payment takes it off.
             * @example 42.5
             */
            amount: number;
        };
        StayView: {
            /**
             * Format: uuid
             * @example 3f2504e0-4f89-11d3-9a0c-0305e82c3301
             */
            stayId: string;
            /** @enum {string} */
            status: "open" | "checkedOut" | "transferred";
            /**
             * @description What the guest owes on this stay; negative when overpaid (0 once checked out or transferred).
             * @example 120.5
             */
            balance: number;
            /** Format: date-time */
            checkedInAt: string;
            /**
             * Format: date-time
             * @description When the stay was checked out individually.
             */
            checkedOutAt?: string;
            /**
             * @description The room, when the check-in named it.
             * @example 12B
             */
            room?: string;
            /**
             * @description The guest, when the check-in named them.
             * @example Ada Lovelace
             */
            guestName?: string;
            /** @description Every charge, payment and refund, in the order recorded. */
            folio: components["schemas"]["FolioEntryView"][];
            /**
             * Format: uuid
             * @description The group checkout that took the stay over (when transferred).
             */
            groupCheckoutId?: string;
            /**
             * @description The balance the group took over (when transferred).
             * @example 120.5
             */
            residual?: number;
        };
        ChargeRequest: {
            /**
             * Format: uuid
             * @description Idempotency key: a repeated chargeId is not charged again.
             */
            chargeId: string;
            /** @example 42.5 */
            amount: number;
        };
        PaymentRequest: {
            /**
             * Format: uuid
             * @description Idempotency key: a repeated paymentId is not paid again.
             */
            paymentId: string;
            /** @example 42.5 */
            amount: number;
        };
        RefundRequest: {
            /**
             * Format: uuid
             * @description Idempotency key: a repeated refundId is not refunded again.
             */
            refundId: string;
            /** @example 42.5 */
            amount: number;
        };
        SelectStaysRequest: {
            stayIds: string[];
        };
        MergedStayView: {
            /** Format: uuid */
            stayId: string;
            /**
             * @description The balance the group took over from this stay.
             * @example 80
             */
            residual: number;
        };
        GroupCheckoutView: {
            /** Format: uuid */
            groupCheckoutId: string;
            /**
             * @description "merging" while any stay is pending.
             * @enum {string}
             */
            status: "merging" | "ready" | "confirmed";
            /** @description Selected stays the reactor has not merged yet, in selection order. */
            pending: string[];
            merged: components["schemas"]["MergedStayView"][];
            /** @description Selected stays that could not be taken over. */
            failed: string[];
            /**
             * @description What the group owes: merged residuals minus payments plus refunds; negative when overpaid.
             * @example 160.5
             */
            balance: number;
            /** @description The group's payments and refunds, in the order recorded. */
            payments: components["schemas"]["FolioEntryView"][];
        };
        StayListItem: {
            /** Format: uuid */
            stayId: string;
            /** @example 204 */
            room?: string;
            /** @example Ada Lovelace */
            guestName?: string;
            /** @enum {string} */
            status: "open" | "checkedOut" | "transferred";
            /**
             * @description What the guest owes (0 once transferred to a group).
             * @example 120.5
             */
            balance: number;
            /** Format: date-time */
            checkedInAt: string;
            /**
             * Format: date-time
             * @description When the stay was checked out, or transferred to its group.
             */
            checkedOutAt?: string;
            /** Format: uuid */
            groupCheckoutId?: string;
        };
        ProjectionInfo: {
            /**
             * @description Every write at or below this global position is reflected (-1: none yet).
             * @example 1041
             */
            position: number;
            /** @description A rebuild is under way: the list shows only what it has re-projected so far. */
            rebuilding: boolean;
            /** @description While rebuilding: the position the rebuild has to reach. */
            rebuildingTo?: number;
        };
        StayListPage: {
            items: components["schemas"]["StayListItem"][];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            nextCursor?: string;
            projection: components["schemas"]["ProjectionInfo"];
        };
        SelectedStayItem: {
            /** Format: uuid */
            stayId: string;
            /** @enum {string} */
            state: "pending" | "merged" | "failed";
        };
        GroupCheckoutListItem: {
            /** Format: uuid */
            groupCheckoutId: string;
            /**
             * @description merging while stays are pending, then ready, then confirmed
             * @enum {string}
             */
            status: "merging" | "ready" | "confirmed";
            pending: number;
            merged: number;
            failed: number;
            /**
             * @description What the group owes: the merged balances less its payments.
             * @example 240
             */
            balance: number;
            /** @description The selected stays, in selection order. */
            stays: components["schemas"]["SelectedStayItem"][];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            confirmedAt?: string;
        };
        GroupCheckoutListPage: {
            items: components["schemas"]["GroupCheckoutListItem"][];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            nextCursor?: string;
            projection: components["schemas"]["ProjectionInfo"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    HealthController_all: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Live and ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDocument"];
                };
            };
            /** @description Request body over 100 kB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Not ready: the details name the failing check */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Live */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDocument"];
                };
            };
            /** @description Request body over 100 kB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDocument"];
                };
            };
            /** @description Request body over 100 kB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Not ready: the details name the failing check */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    StaysController_checkIn: {
        parameters: {
            query?: never;
            header?: {
                /** @description Apply the command only if the resource is still at this version (its ETag); else 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Any letter case, hyphens optional */
                stayId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckInRequest"];
            };
        };
        responses: {
            /** @description The stay as it stands after the request */
            200: {
                headers: {
                    /** @description The version of the resource's stream, as a strong entity tag; send it back in If-Match or If-None-Match. */
                    ETag?: string;
                    /** @description The global position of the command's last write (when it wrote nothing: of the resource's last event, -1 for none). A list given ?atLeast= this position includes the write. */
                    Position?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StayView"];
                };
            };
            /** @description Invalid request: validation, malformed JSON or a bad id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description If-Match named a version the resource has moved on from (stale-version) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Request body over 100 kB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description A stream the request needs holds an event that cannot be read (unreadable-stream: streamName, position) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The event store is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    StaysController_charge: {
        parameters: {
            query?: never;
            header?: {
                /** @description Apply the command only if the resource is still at this version (its ETag); else 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Any letter case, hyphens optional */
                stayId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChargeRequest"];
            };
        };
        responses: {
            /** @description The stay as it stands after the request */
            200: {
                headers: {
                    /** @description The version of the resource's stream, as a strong entity tag; send it back in If-Match or If-None-Match. */
                    ETag?: string;
                    /** @description The global position of the command's last write (when it wrote nothing: of the resource's last event, -1 for none). A list given ?atLeast= this position includes the write. */
                    Position?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StayView"];
                };
            };
            /** @description Invalid request: validation, malformed JSON or a bad id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The stay is checked out or transferred to a group */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description If-Match named a version the resource has moved on from (stale-version) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Request body over 100 kB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description A stream the request needs holds an event that cannot be read (unreadable-stream: streamName, position) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The event store is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    StaysController_pay: {
        parameters: {
            query?: never;
            header?: {
                /** @description Apply the command only if the resource is still at this version (its ETag); else 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Any letter case, hyphens optional */
                stayId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentRequest"];
            };
        };
        responses: {
            /** @description The stay as it stands after the request */
            200: {
                headers: {
                    /** @description The version of the resource's stream, as a strong entity tag; send it back in If-Match or If-None-Match. */
                    ETag?: string;
                    /** @description The global position of the command's last write (when it wrote nothing: of the resource's last event, -1 for none). A list given ?atLeast= this position includes the write. */
                    Position?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StayView"];
                };
            };
            /** @description Invalid request: validation, malformed JSON or a bad id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The stay is checked out or transferred to a group */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description If-Match named a version the resource has moved on from (stale-version) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Request body over 100 kB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description A stream the request needs holds an event that cannot be read (unreadable-stream: streamName, position) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The event store is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    StaysController_refund: {
        parameters: {
            query?: never;
            header?: {
                /** @description Apply the command only if the resource is still at this version (its ETag); else 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Any letter case, hyphens optional */
                stayId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefundRequest"];
            };
        };
        responses: {
            /** @description The stay as it stands after the request */
            200: {
                headers: {
                    /** @description The version of the resource's stream, as a strong entity tag; send it back in If-Match or If-None-Match. */
                    ETag?: string;
                    /** @description The global position of the command's last write (when it wrote nothing: of the resource's last event, -1 for none). A list given ?atLeast= this position includes the write. */
                    Position?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StayView"];
                };
            };
            /** @description Invalid request: validation, malformed JSON or a bad id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The stay is checked out or transferred to a group, or the amount exceeds the credit (credit) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description If-Match named a version the resource has moved on from (stale-version) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Request body over 100 kB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description A stream the request needs holds an event that cannot be read (unreadable-stream: streamName, position) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The event store is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    StaysController_checkOut: {
        parameters: {
            query?: never;
            header?: {
                /** @description Apply the command only if the resource is still at this version (its ETag); else 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Any letter case, hyphens optional */
                stayId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stay as it stands after the request */
            200: {
                headers: {
                    /** @description The version of the resource's stream, as a strong entity tag; send it back in If-Match or If-None-Match. */
                    ETag?: string;
                    /** @description The global position of the command's last write (when it wrote nothing: of the resource's last event, -1 for none). A list given ?atLeast= this position includes the write. */
                    Position?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StayView"];
                };
            };
            /** @description Invalid request: validation, malformed JSON or a bad id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description A balance is outstanding (amount), or the stay was transferred to a group */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description If-Match named a version the resource has moved on from (stale-version) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description A stream the request needs holds an event that cannot be read (unreadable-stream: streamName, position) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The event store is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    StaysController_read: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version the client holds: answered 304 with no body while it is current. */
                "If-None-Match"?: string;
            };
            path: {
                /** @description Any letter case, hyphens optional */
                stayId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stay as it stands */
            200: {
                headers: {
                    /** @description The version of the resource's stream, as a strong entity tag; send it back in If-Match or If-None-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StayView"];
                };
            };
            /** @description Not modified: still at the version If-None-Match names */
            304: {
                headers: {
                    /** @description The version of the resource's stream, as a strong entity tag; send it back in If-Match or If-None-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: validation, malformed JSON or a bad id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description A stream the request needs holds an event that cannot be read (unreadable-stream: streamName, position) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The event store is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    GroupCheckoutsController_selectStays: {
        parameters: {
            query?: never;
            header?: {
                /** @description Apply the command only if the resource is still at this version (its ETag); else 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Any letter case, hyphens optional */
                groupCheckoutId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SelectStaysRequest"];
            };
        };
        responses: {
            /** @description Selected; the new stays are pending until the reactor merges them */
            202: {
                headers: {
                    /** @description The version of the resource's stream, as a strong entity tag; send it back in If-Match or If-None-Match. */
                    ETag?: string;
                    /** @description The global position of the command's last write (when it wrote nothing: of the resource's last event, -1 for none). A list given ?atLeast= this position includes the write. */
                    Position?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupCheckoutView"];
                };
            };
            /** @description Invalid request: validation, malformed JSON or a bad id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The group checkout is confirmed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description If-Match named a version the resource has moved on from (stale-version) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Request body over 100 kB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description A stream the request needs holds an event that cannot be read (unreadable-stream: streamName, position) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The event store is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    GroupCheckoutsController_pay: {
        parameters: {
            query?: never;
            header?: {
                /** @description Apply the command only if the resource is still at this version (its ETag); else 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Any letter case, hyphens optional */
                groupCheckoutId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentRequest"];
            };
        };
        responses: {
            /** @description The group checkout as it stands after the request */
            200: {
                headers: {
                    /** @description The version of the resource's stream, as a strong entity tag; send it back in If-Match or If-None-Match. */
                    ETag?: string;
                    /** @description The global position of the command's last write (when it wrote nothing: of the resource's last event, -1 for none). A list given ?atLeast= this position includes the write. */
                    Position?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupCheckoutView"];
                };
            };
            /** @description Invalid request: validation, malformed JSON or a bad id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The group checkout is confirmed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description If-Match named a version the resource has moved on from (stale-version) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Request body over 100 kB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description A stream the request needs holds an event that cannot be read (unreadable-stream: streamName, position) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The event store is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    GroupCheckoutsController_refund: {
        parameters: {
            query?: never;
            header?: {
                /** @description Apply the command only if the resource is still at this version (its ETag); else 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Any letter case, hyphens optional */
                groupCheckoutId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefundRequest"];
            };
        };
        responses: {
            /** @description The group checkout as it stands after the request */
            200: {
                headers: {
                    /** @description The version of the resource's stream, as a strong entity tag; send it back in If-Match or If-None-Match. */
                    ETag?: string;
                    /** @description The global position of the command's last write (when it wrote nothing: of the resource's last event, -1 for none). A list given ?atLeast= this position includes the write. */
                    Position?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupCheckoutView"];
                };
            };
            /** @description Invalid request: validation, malformed JSON or a bad id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The group checkout is confirmed, or the amount exceeds the credit (credit) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description If-Match named a version the resource has moved on from (stale-version) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Request body over 100 kB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description A stream the request needs holds an event that cannot be read (unreadable-stream: streamName, position) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The event store is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    GroupCheckoutsController_confirm: {
        parameters: {
            query?: never;
            header?: {
                /** @description Apply the command only if the resource is still at this version (its ETag); else 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Any letter case, hyphens optional */
                groupCheckoutId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The group checkout as it stands after the request */
            200: {
                headers: {
                    /** @description The version of the resource's stream, as a strong entity tag; send it back in If-Match or If-None-Match. */
                    ETag?: string;
                    /** @description The global position of the command's last write (when it wrote nothing: of the resource's last event, -1 for none). A list given ?atLeast= this position includes the write. */
                    Position?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupCheckoutView"];
                };
            };
            /** @description Invalid request: validation, malformed JSON or a bad id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Stays are still merging, or a balance is outstanding (amount) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description If-Match named a version the resource has moved on from (stale-version) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description A stream the request needs holds an event that cannot be read (unreadable-stream: streamName, position) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The event store is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    GroupCheckoutsController_read: {
        parameters: {
            query?: {
                /** @description Milliseconds to wait for the pending stays to be merged */
                wait?: number;
            };
            header?: {
                /** @description The ETag of the version the client holds: answered 304 with no body while it is current. */
                "If-None-Match"?: string;
            };
            path: {
                /** @description Any letter case, hyphens optional */
                groupCheckoutId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The group checkout as it stands */
            200: {
                headers: {
                    /** @description The version of the resource's stream, as a strong entity tag; send it back in If-Match or If-None-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupCheckoutView"];
                };
            };
            /** @description Not modified: still at the version If-None-Match names */
            304: {
                headers: {
                    /** @description The version of the resource's stream, as a strong entity tag; send it back in If-Match or If-None-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: validation, malformed JSON or a bad id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description A stream the request needs holds an event that cannot be read (unreadable-stream: streamName, position) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The event store is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    GroupCheckoutEventsController_events: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Any letter case, hyphens optional */
                groupCheckoutId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Invalid request: validation, malformed JSON or a bad id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description A stream the request needs holds an event that cannot be read (unreadable-stream: streamName, position) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The event store is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    StayListController_list: {
        parameters: {
            query?: {
                /** @description Rows per page, 1 to 200. */
                limit?: number;
                /** @description The nextCursor of the previous page (opaque). */
                cursor?: string;
                /** @description A global position (the Position header of a command; -1 waits for nothing): wait, at most 5 s, until the lists reflect every write up to it. Without it a list may lag; the Projection-Position header says how far it has come. */
                atLeast?: number;
                status?: "open" | "checkedOut" | "transferred";
                /** @description Exactly this room. */
                room?: string;
                /** @description Part of the guest's name or of the room, in any letter case. */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The global position the list reflects at least: every write at or below it is in the list. */
                    "Projection-Position"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StayListPage"];
                };
            };
            /** @description Invalid request: validation, malformed JSON or a bad id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description A stream the request needs holds an event that cannot be read (unreadable-stream: streamName, position) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The event store is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
    GroupCheckoutListController_list: {
        parameters: {
            query?: {
                /** @description Rows per page, 1 to 200. */
                limit?: number;
                /** @description The nextCursor of the previous page (opaque). */
                cursor?: string;
                /** @description A global position (the Position header of a command; -1 waits for nothing): wait, at most 5 s, until the lists reflect every write up to it. Without it a list may lag; the Projection-Position header says how far it has come. */
                atLeast?: number;
                status?: "merging" | "ready" | "confirmed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The global position the list reflects at least: every write at or below it is in the list. */
                    "Projection-Position"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupCheckoutListPage"];
                };
            };
            /** @description Invalid request: validation, malformed JSON or a bad id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description A stream the request needs holds an event that cannot be read (unreadable-stream: streamName, position) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
            /** @description The event store is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocument"];
                };
            };
        };
    };
}
