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
        /** Check a guest in (idempotent: a repeat answers the same stay) */
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
        /** Read a stay */
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
         * @description Stays already selected into this group are ignored. Follow the merge with GET ?wait=.
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
            /** @example urn:hotel-checkout:problem:balance-outstanding */
            type: string;
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
            /** @description Each invalid field (invalid-request problems). */
            errors?: components["schemas"]["FieldErrorDocument"][];
            /** @description The stream holding the unreadable event (unreadable-stream problems). */
            streamName?: string;
            /** @description The unreadable event's index in its stream (unreadable-stream problems). */
            position?: number;
        };
        CheckInRequest: {
            /**
             * Format: date-time
             * @description When the guest checked in; defaults to now.
             */
            at?: string;
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
             * @description What the guest owes on this stay (0 once checked out or transferred).
             * @example 120.5
             */
            balance: number;
            /** Format: date-time */
            checkedInAt: string;
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
             * @description What the group owes: merged residuals minus payments.
             * @example 160.5
             */
            balance: number;
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
                content?: never;
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
                content?: never;
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
                content?: never;
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
            header?: never;
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
            header?: never;
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
            header?: never;
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
            header?: never;
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
            header?: never;
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
            header?: never;
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
            header?: never;
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
            header?: never;
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
            header?: never;
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
