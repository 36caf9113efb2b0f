# lastmile service image: the API (`serve`) and the planning workers (`worker`) run from it.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/var/lib/lastmile
COPY --from=build /app /app
VOLUME /var/lib/lastmile
EXPOSE 8080
ENTRYPOINT ["node", "bin/lastmile.mjs"]
CMD ["serve"]
