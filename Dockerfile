# The node image: one executable, every role. Production runs against Kafka and a ClickHouse server, so the
# image carries no chDB (embedded mode is for one machine; mount libchdb.so and set HEALTHCODE_CHDB_LIB to use it).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish risk-engine/HealthCode.Node/HealthCode.Node.csproj -c Release -o /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out .
USER app
EXPOSE 9464
ENTRYPOINT ["dotnet", "/app/healthcode.dll"]
CMD ["node"]
