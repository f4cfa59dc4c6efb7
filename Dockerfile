# cablegate: build with the Swift toolchain, run on a slim Ubuntu with only the C libraries it links.
#   docker build -t cablegate .
#   docker run --rm -p 8080:8080 -v cablegate-data:/data cablegate

FROM swift:6.3-noble AS build
# Versions come from the pinned base image's Ubuntu release; pinning exact Debian revisions would
# break the build every time Ubuntu publishes a security update.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-dev zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The binary looks for its resource bundles (bundled sample cables, openapi.yaml, TAGS catalogue)
# beside itself, so they travel together in /staging/app.
RUN swift build -c release --product cablegate --static-swift-stdlib \
    && bin="$(swift build -c release --show-bin-path)" \
    && mkdir -p /staging/app/Config \
    && cp "$bin/cablegate" /staging/app/ \
    && cp -R "$bin"/*.resources /staging/app/ \
    && cp Config/cablegate.json /staging/app/Config/cablegate.json

FROM ubuntu:noble AS runtime
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-0 zlib1g libstdc++6 curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 cablegate \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin cablegate \
    && mkdir -p /data \
    && chown 10001:10001 /data
WORKDIR /app
COPY --from=build /staging/app /app
# Inside a container the service listens on every interface and keeps its database on the volume.
ENV CABLEGATE_SERVER_HOST=0.0.0.0 \
    CABLEGATE_SERVER_PORT=8080 \
    CABLEGATE_DATABASE_PATH=/data/cablegate.sqlite \
    CABLEGATE_LOG_FORMAT=json
USER 10001:10001
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD ["curl", "-fsS", "http://127.0.0.1:8080/healthz"]
# Exec form: the server is PID 1 and receives SIGTERM itself, so `docker stop` drains and exits 0.
ENTRYPOINT ["/app/cablegate", "serve"]
