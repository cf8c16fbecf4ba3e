using HealthCode.Simulator.Geo;
using HealthCode.Simulator.Travel;

namespace HealthCode.Simulator.Cities;

/// <summary>
/// Hangzhou, Zhejiang: districts, water, id-number area codes and transport links, with coordinates rounded
/// from public maps. Close enough for plausible commuting and travel, not a survey.
/// </summary>
internal static class HangzhouProfile
{
    public static CityProfile Create() => new()
    {
        Name = "Hangzhou",
        MinLatitude = 30.15,
        MaxLatitude = 30.40,
        MinLongitude = 120.00,
        MaxLongitude = 120.35,
        UtcOffset = TimeSpan.FromHours(8),
        Residential = Residential(),
        Business = Business(),
        Industrial = Industrial(),
        Water =
        [
            new WaterArea("West Lake", 1_500, new GeoPoint(30.245, 120.145)),
            new WaterArea("Qiantang River", 700, new GeoPoint(30.17, 120.08), new GeoPoint(30.195, 120.13),
                new GeoPoint(30.215, 120.18), new GeoPoint(30.235, 120.225), new GeoPoint(30.255, 120.28),
                new GeoPoint(30.27, 120.36)),
        ],
        LocalAreaCodes =
            ["330102", "330105", "330106", "330108", "330109", "330110", "330111", "330113", "330114", "330122"],
        MigrantAreaCodes =
        [
            "340104", "341222", "410105", "411302", "510104", "500103", "360102", "430102", "320102", "330302",
            "330602", "420106", "310104", "110105", "522101",
        ],
        StreetNames =
        [
            "Wensan", "Tianmushan", "Yan'an", "Jiefang", "Qingchun", "Fengqi", "Moganshan", "Gudun", "Xueyuan",
            "Jianguo", "Qiutao", "Wulin", "Hubin", "Huanglong", "Jiangnan", "Binsheng", "Shixin", "Renmin",
            "Dongxin", "Shiqiao", "Xixi", "Wuchang", "Jiangling", "Xintang", "Qianjiang", "Xiasha", "Liangzhu",
        ],
        Travel = Network(),
    };

    private static List<District> Residential() =>
    [
        new("Shangcheng", new GeoPoint(30.262, 120.172), 0.16, 1_800),
        new("Gongshu", new GeoPoint(30.318, 120.145), 0.13, 2_200),
        new("Xihu", new GeoPoint(30.288, 120.105), 0.12, 2_400),
        new("Binjiang", new GeoPoint(30.200, 120.205), 0.10, 2_000),
        new("Xiaoshan", new GeoPoint(30.172, 120.270), 0.12, 2_800),
        new("Future Sci-Tech City", new GeoPoint(30.290, 120.030), 0.07, 2_200),
        new("Linping", new GeoPoint(30.372, 120.285), 0.08, 2_400),
        new("Xiasha", new GeoPoint(30.305, 120.330), 0.08, 1_800),
        new("Jianggan", new GeoPoint(30.295, 120.215), 0.14, 2_000),
    ];

    private static List<District> Business() =>
    [
        new("Wulin", new GeoPoint(30.275, 120.165), 0.24, 1_000),
        new("Qianjiang New City", new GeoPoint(30.248, 120.212), 0.24, 1_000),
        new("Binjiang Hi-Tech", new GeoPoint(30.205, 120.205), 0.20, 1_200),
        new("Future Sci-Tech City", new GeoPoint(30.285, 120.025), 0.16, 1_400),
        new("Huanglong", new GeoPoint(30.272, 120.130), 0.16, 1_100),
    ];

    private static List<District> Industrial() =>
    [
        new("Xiaoshan Economic Zone", new GeoPoint(30.190, 120.300), 0.35, 2_000),
        new("Qiantang Xiasha", new GeoPoint(30.300, 120.330), 0.30, 1_800),
        new("Yuhang Liangzhu", new GeoPoint(30.370, 120.080), 0.15, 2_000),
        new("Linping Industrial", new GeoPoint(30.385, 120.270), 0.20, 1_800),
    ];

    private static TravelNetwork Network()
    {
        var hangzhouCentre = new GeoPoint(30.2741, 120.1551);
        var hangzhouEast = new TransitNode("HGH", "Hangzhou East", new GeoPoint(30.2906, 120.2127), false,
            "Hangzhou", hangzhouCentre);
        var airport = new TransitNode("HGH", "Hangzhou Xiaoshan", new GeoPoint(30.2295, 120.4344), true,
            "Hangzhou", hangzhouCentre);

        var jiaxing = Station("JXH", "Jiaxing South", 30.7035, 120.8046, "Jiaxing", 30.7460, 120.7555);
        var hongqiao = Station("AOH", "Shanghai Hongqiao", 31.1942, 121.3200, "Shanghai", 31.2304, 121.4737);
        var shaoxing = Station("SLH", "Shaoxing North", 30.0811, 120.5250, "Shaoxing", 30.0300, 120.5800);
        var yuyao = Station("CTH", "Yuyao North", 30.0320, 121.1440, "Yuyao", 30.0375, 121.1546);
        var ningbo = Station("NGH", "Ningbo", 29.8620, 121.5330, "Ningbo", 29.8683, 121.5440);
        var huzhou = Station("VZH", "Huzhou", 30.8640, 120.0850, "Huzhou", 30.8943, 120.0868);
        var nanjing = Station("NKH", "Nanjing South", 31.9686, 118.7975, "Nanjing", 32.0603, 118.7969);
        var jinan = Station("JGK", "Jinan West", 36.6685, 116.8900, "Jinan", 36.6512, 117.1201);
        var beijing = Station("VNP", "Beijing South", 39.8650, 116.3786, "Beijing", 39.9042, 116.4074);
        var yiwu = Station("YWH", "Yiwu", 29.3780, 120.0800, "Yiwu", 29.3069, 120.0752);
        var jinhua = Station("RNH", "Jinhua", 29.1100, 119.6380, "Jinhua", 29.0790, 119.6474);
        var lishui = Station("USH", "Lishui", 28.4500, 119.9200, "Lishui", 28.4517, 119.9220);
        var wenzhou = Station("VRH", "Wenzhou South", 27.9720, 120.5870, "Wenzhou", 28.0006, 120.6720);
        var qiandaohu = Station("QDU", "Qiandaohu", 29.6070, 119.0500, "Chun'an", 29.6095, 119.0420);
        var huangshan = Station("NYH", "Huangshan North", 29.9090, 118.3100, "Huangshan", 29.7147, 118.3375);

        int[] slots = [420, 570, 720, 870, 1020, 1170];
        var rail = new List<RailRoute>
        {
            new("G", 7311, [hangzhouEast, jiaxing, hongqiao], [0, 28, 60], 8, slots, 0.30),
            new("G", 7501, [hangzhouEast, shaoxing, yuyao, ningbo], [0, 20, 42, 58], 8, slots, 0.15),
            new("G", 7601, [hangzhouEast, huzhou, nanjing], [0, 22, 78], 8, slots, 0.15),
            new("G", 31, [hangzhouEast, nanjing, jinan, beijing], [0, 80, 190, 290], 16, slots, 0.15),
            new("D", 3101, [hangzhouEast, yiwu, jinhua, lishui, wenzhou], [0, 34, 52, 90, 120], 8, slots, 0.15),
            new("G", 7391, [hangzhouEast, qiandaohu, huangshan], [0, 48, 88], 8, slots, 0.10),
        };

        int[] flightSlots = [480, 780, 1080];
        const string Narrow = "ABCDEF";
        const string Wide = "ABCDEFGHJK";
        var flights = new List<FlightRoute>
        {
            new("CA", 1701, Airport("PEK", 40.0801, 116.5846, "Beijing", 39.9042, 116.4074), 135, 55, Wide,
                flightSlots, 0.22),
            new("CZ", 3521, Airport("CAN", 23.3924, 113.2988, "Guangzhou", 23.1291, 113.2644), 130, 55, Wide,
                flightSlots, 0.18),
            new("ZH", 9801, Airport("SZX", 22.6393, 113.8107, "Shenzhen", 22.5431, 114.0579), 140, 40, Narrow,
                flightSlots, 0.18),
            new("3U", 8961, Airport("CTU", 30.5785, 103.9471, "Chengdu", 30.5728, 104.0668), 180, 40, Narrow,
                flightSlots, 0.14),
            new("MU", 2301, Airport("XIY", 34.4471, 108.7516, "Xi'an", 34.3416, 108.9398), 150, 40, Narrow,
                flightSlots, 0.10),
            new("MU", 5801, Airport("KMG", 25.1019, 102.9292, "Kunming", 25.0389, 102.7183), 200, 40, Narrow,
                flightSlots, 0.08),
            new("HU", 7351, Airport("SYX", 18.3029, 109.4123, "Sanya", 18.2528, 109.5119), 170, 40, Narrow,
                flightSlots, 0.10),
        };

        return new TravelNetwork(hangzhouEast, airport, rail, flights);
    }

    private static TransitNode Station(string code, string name, double lat, double lon, string city,
        double cityLat, double cityLon) =>
        new(code, name, new GeoPoint(lat, lon), false, city, new GeoPoint(cityLat, cityLon));

    private static TransitNode Airport(string code, double lat, double lon, string city, double cityLat,
        double cityLon) =>
        new(code, city + " " + code, new GeoPoint(lat, lon), true, city, new GeoPoint(cityLat, cityLon));
}
